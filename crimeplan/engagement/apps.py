from django.apps import AppConfig


class EngagementConfig(AppConfig):
    name = "crimeplan.engagement"
    label = "engagement"
    verbose_name = "Community engagement"

    def ready(self) -> None:
        from crimeplan.engagement.providers import PROVIDERS
        from crimeplan.performance.providers import register

        for provider in PROVIDERS:
            register(provider)
