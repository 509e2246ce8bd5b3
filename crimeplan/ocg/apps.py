from django.apps import AppConfig


class OcgConfig(AppConfig):
    name = "crimeplan.ocg"
    label = "ocg"
    verbose_name = "Serious and organised crime"

    def ready(self) -> None:
        from crimeplan.ocg.providers import PROVIDERS
        from crimeplan.performance.providers import register

        for provider in PROVIDERS:
            register(provider)
