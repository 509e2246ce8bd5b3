from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "crimeplan.performance"
    label = "performance"
    verbose_name = "Plan performance"
