from django.apps import AppConfig


class GrantsConfig(AppConfig):
    name = "crimeplan.grants"
    verbose_name = "Funds, grants and commissioning"
