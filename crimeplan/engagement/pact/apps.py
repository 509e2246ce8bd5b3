from django.apps import AppConfig


class PactConfig(AppConfig):
    name = "crimeplan.engagement.pact"
    label = "pact"
    verbose_name = "PACT (Partners and Communities Together)"

    def ready(self) -> None:
        from crimeplan.engagement.pact.providers import PROVIDERS
        from crimeplan.performance.providers import register

        for provider in PROVIDERS:
            register(provider)
