from typing import Any

from django.apps import AppConfig
from django.core import checks


class AuditConfig(AppConfig):
    name = "crimeplan.audit"
    label = "audit"
    verbose_name = "Audit trail"

    def ready(self) -> None:
        from crimeplan.audit import receivers  # noqa: F401  (connects the sign-in signals)

        checks.register(vocabulary)


def vocabulary(**kwargs: Any) -> list[checks.CheckMessage]:
    """Import every app's audit events (elsewhere an app's events load on first use); report a name declared twice."""
    from crimeplan.audit.events import registered

    try:
        registered()
    except ValueError as error:
        return [checks.Error(str(error), id="audit.E001")]
    return []
