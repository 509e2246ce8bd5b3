from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "crimeplan.cases"
    label = "cases"
    verbose_name = "Multi-agency case work"
