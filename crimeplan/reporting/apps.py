from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "crimeplan.reporting"
    label = "reporting"
    verbose_name = "Hate crime reporting"

    def ready(self) -> None:
        from crimeplan.performance.providers import register
        from crimeplan.reporting.providers import PROVIDERS

        for provider in PROVIDERS:
            register(provider)
