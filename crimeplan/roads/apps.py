from django.apps import AppConfig


class RoadsConfig(AppConfig):
    name = "crimeplan.roads"
    verbose_name = "Road safety"

    def ready(self) -> None:
        from crimeplan.performance.providers import register
        from crimeplan.roads.providers import PROVIDERS

        for provider in PROVIDERS:
            register(provider)
