"""Import runs and the rows they rejected."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from crimeplan.crimedata.constants import FileKind, RunStatus


class ImportRun(models.Model):
    """One police.uk file imported (or refused), with its reconciliation counts.

    For every run that read rows, ``rows_read == rows_stored + rows_rejected``
    (a database constraint). The run whose partition is in the store now is
    ``is_current``; there is at most one per kind, force and month. At most
    ``REJECTS_KEPT`` rejected rows are kept per run; ``rejected_by_rule`` counts all.
    """

    source = models.CharField(max_length=500, help_text="the path or archive member given to the importer")
    file_name = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64, blank=True)
    kind = models.CharField(max_length=20, choices=FileKind.choices)
    force = models.SlugField(max_length=40)
    month = models.CharField(max_length=7)
    status = models.CharField(max_length=12, choices=RunStatus.choices)
    is_current = models.BooleanField(default=False)
    rows_read = models.PositiveIntegerField(default=0)
    rows_stored = models.PositiveIntegerField(default=0)
    rows_rejected = models.PositiveIntegerField(default=0)
    rows_duplicate = models.PositiveIntegerField(
        default=0, help_text="stored rows that repeat an earlier row of the file exactly (kept, as police.uk has them)"
    )
    rejected_by_rule = models.JSONField(default=dict, blank=True)
    unattributed = models.PositiveIntegerField(default=0)
    unattributed_by_reason = models.JSONField(default=dict, blank=True)
    duration_s = models.FloatField(default=0.0)
    error = models.TextField(blank=True)
    geography_version = models.CharField(max_length=32, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        permissions = [
            ("view_data_pages", "Can see the Data pages: imports, reconciliation, rejected rows and their CSV"),
            ("view_crime_map", "Can see the staff crime map of street-level crime"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(rows_read=F("rows_stored") + F("rows_rejected")),
                name="import_run_reconciles",
                violation_error_message="rows read must equal rows stored plus rows rejected",
            ),
            models.UniqueConstraint(
                fields=["kind", "force", "month"],
                condition=Q(is_current=True),
                name="one_current_run_per_partition",
            ),
        ]
        indexes = [models.Index(fields=["kind", "force", "month"])]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def unattributed_share(self) -> float:
        return self.unattributed / self.rows_stored if self.rows_stored else 0.0


class RejectedRow(models.Model):
    """A row of a file that a validation rule refused, kept so it can be found and fixed."""

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="rejected_rows")
    line = models.PositiveIntegerField(help_text="line number in the file (the header is line 1)")
    rule = models.CharField(max_length=40)
    value = models.TextField(blank=True)
    message = models.CharField(max_length=500)

    class Meta:
        ordering = ["run", "line"]
        indexes = [models.Index(fields=["run", "rule"])]

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"
