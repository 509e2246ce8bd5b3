from django.apps import AppConfig


class GrantsConfig(AppConfig):
    name = "crimeplan.grants"
    verbose_name = "Funds, grants and commissioning"

    def ready(self) -> None:
        from crimeplan.grants.providers import PROVIDERS
        from crimeplan.performance.providers import register

        for provider in PROVIDERS:
            register(provider)
