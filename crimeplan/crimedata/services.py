"""Importing police.uk files: the store gets the rows, the database the reconciliation."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

from crimeplan.analytics.geography import Attributor
from crimeplan.analytics.ingest import FileResult, prepare_all
from crimeplan.analytics.readers.policeuk import Skipped, iter_sources
from crimeplan.analytics.store import remove_stale_temporaries
from crimeplan.audit.events import ImportFailed, ImportStored
from crimeplan.audit.services import record_event
from crimeplan.core.store import get_store
from crimeplan.crimedata.constants import RunStatus
from crimeplan.crimedata.models import ImportRun, RejectedRow

REJECT_BATCH = 5_000


@dataclass
class ImportSummary:
    """Everything one import did: a run per file, and what was skipped and why."""

    runs: list[ImportRun] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    @property
    def failed(self) -> list[str]:
        """Files that could not be read at all, with the reason (these make the command fail)."""
        refused = [f"{r.source}: {r.error}" for r in self.runs if r.status == RunStatus.FAILED]
        missing = [f"{s.name}: {s.reason}" for s in self.skipped if s.fatal]
        return refused + missing

    @property
    def reconciles(self) -> bool:
        return all(r.rows_read == r.rows_stored + r.rows_rejected for r in self.runs)


def _run_fields(result: FileResult, geography: str) -> dict[str, Any]:
    return {
        "source": result.source[-500:],
        "file_name": result.source.rsplit("/", 1)[-1].rsplit("!", 1)[-1][:200],
        "sha256": result.sha256,
        "kind": result.kind,
        "force": result.force,
        "month": result.month,
        "status": result.status,
        "rows_read": result.rows_read,
        "rows_stored": result.rows_stored,
        "rows_rejected": result.rows_rejected,
        "rejected_by_rule": result.rejected_by_rule,
        "unattributed": result.unattributed,
        "unattributed_by_reason": result.unattributed_by_reason,
        "duration_s": round(result.duration_s, 4),
        "error": result.error,
        "geography_version": geography,
    }


@transaction.atomic
def record_result(result: FileResult, *, geography: str, actor: Any = None) -> ImportRun:
    """Save the run and its rejected rows, then swap the partition in (last, inside the transaction)."""
    run = ImportRun(**_run_fields(result, geography), started_by=actor)
    if result.status != RunStatus.STORED:
        run.full_clean()
        run.save()
        return run
    previous = ImportRun.objects.select_for_update().filter(
        kind=result.kind, force=result.force, month=result.month, is_current=True
    )
    previous.update(is_current=False)
    run.is_current = True
    run.full_clean()
    run.save()
    RejectedRow.objects.bulk_create(
        (
            RejectedRow(run=run, line=line, rule=rule, value=(value or "")[:2000], message=message[:500])
            for line, rule, value, message in result.rejects.iter_rows()
        ),
        batch_size=REJECT_BATCH,
    )
    assert result.staged is not None
    result.staged.commit()
    return run


def import_police(
    paths: Iterable[str | Path],
    *,
    force: str | None = None,
    reimport: bool = False,
    actor: Any = None,
    on_item: Callable[[FileResult | Skipped, ImportRun | None], None] | None = None,
) -> ImportSummary:
    """Import police.uk CSVs, folders and monthly archives; one ``ImportRun`` per file.

    A file whose partition already came from identical bytes (same sha256) and
    the same geography is recorded as unchanged and not rewritten, unless
    ``reimport``. Rows are attributed with the geography loaded now.
    """
    store = get_store()
    store.root.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(store.root)
    attributor = Attributor.from_store(store)
    summary = ImportSummary()
    items = prepare_all(iter_sources(paths, force=force), store, attributor, reimport=reimport)
    for item in items:
        run = None
        if isinstance(item, Skipped):
            summary.skipped.append(item)
        else:
            run = record_result(item, geography=attributor.version, actor=actor)
            summary.runs.append(run)
            _audit(run, actor)
        if on_item:
            on_item(item, run)
    return summary


def _audit(run: ImportRun, actor: Any) -> None:
    if run.status == RunStatus.STORED:
        event: ImportStored | ImportFailed = ImportStored(
            file=run.file_name,
            kind=run.kind,
            force=run.force,
            month=run.month,
            rows_read=run.rows_read,
            rows_stored=run.rows_stored,
            rows_rejected=run.rows_rejected,
        )
        record_event(event, actor=actor, obj=run)
    elif run.status == RunStatus.FAILED:
        record_event(ImportFailed(file=run.source, reason=run.error), actor=actor, obj=run)
