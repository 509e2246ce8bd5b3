from django.apps import AppConfig


class GrantsConfig(AppConfig):
    name = "crimeplan.grants"
    verbose_name = "Funds, grants and commissioning"

    def ready(self) -> None:
        import crimeplan.grants.events  # noqa: F401  (registers the app's audit events)
        from crimeplan.grants.providers import PROVIDERS
        from crimeplan.performance.providers import register

        for provider in PROVIDERS:
            register(provider)
