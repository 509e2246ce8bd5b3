from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "crimeplan.audit"
    label = "audit"
    verbose_name = "Audit trail"

    def ready(self) -> None:
        from crimeplan.audit import receivers  # noqa: F401  (connects the sign-in signals)
