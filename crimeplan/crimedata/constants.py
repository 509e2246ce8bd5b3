from django.db import models


class FileKind(models.TextChoices):
    STREET = "street", "Street-level crime"
    OUTCOMES = "outcomes", "Outcomes"
    STOP_SEARCH = "stop-and-search", "Stop and search"


class RunStatus(models.TextChoices):
    STORED = "stored", "Stored"
    UNCHANGED = "unchanged", "Unchanged (already imported)"
    FAILED = "failed", "Could not be read"
    REFUSED = "refused", "Refused (no row could be stored)"
    RECOVERED = "recovered", "Recorded from the store after an interrupted import"
