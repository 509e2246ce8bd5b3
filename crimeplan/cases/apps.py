from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "crimeplan.cases"
    label = "cases"
    verbose_name = "Multi-agency case work"

    def ready(self) -> None:
        from crimeplan.cases.providers import PROVIDERS
        from crimeplan.performance.providers import register

        for provider in PROVIDERS:
            register(provider)
