from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "crimeplan.performance"
    label = "performance"
    verbose_name = "Plan performance"

    def ready(self) -> None:
        from crimeplan.performance import versions

        versions.connect()
