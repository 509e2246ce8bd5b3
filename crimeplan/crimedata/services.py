"""Importing police.uk files: the store gets the rows, the database the reconciliation."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

from crimeplan.analytics.geography import Attributor
from crimeplan.analytics.ingest import FileResult, fill_from_footer, prepare_all
from crimeplan.analytics.readers.policeuk import Skipped, iter_sources
from crimeplan.analytics.store import Partition, Store, remove_stale_temporaries
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
    repaired: list[ImportRun] = field(default_factory=list)

    @property
    def failed(self) -> list[str]:
        """Files unread or refused, and paths missing, with the reason (these make the command fail)."""
        bad = (RunStatus.FAILED, RunStatus.REFUSED)
        refused = [f"{r.source}: {r.error}" for r in self.runs if r.status in bad]
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
        "rows_duplicate": result.rows_duplicate,
        "rejected_by_rule": result.rejected_by_rule,
        "unattributed": result.unattributed,
        "unattributed_by_reason": result.unattributed_by_reason,
        "duration_s": round(result.duration_s, 4),
        "error": result.error,
        "geography_version": geography,
    }


@transaction.atomic
def record_result(result: FileResult, *, geography: str, actor: Any = None) -> ImportRun:
    """Save the run, its rejected rows and its audit event, then swap the partition in (last, inside the transaction).

    The run and its audit event are written together, in one transaction (one commit) per file.
    Only a stored file replaces its partition; a refused, failed or unchanged one leaves the
    store and the current run as they were. If the process dies after the swap but before
    the transaction commits, the next import finds the store and database disagreeing and
    repairs the record (:func:`repair_runs`).
    """
    run = ImportRun(**_run_fields(result, geography), started_by=actor)
    if result.status == RunStatus.STORED:
        previous = ImportRun.objects.select_for_update().filter(
            kind=result.kind, force=result.force, month=result.month, is_current=True
        )
        previous.update(is_current=False)
        run.is_current = True
    run.full_clean(validate_constraints=False)  # both are enforced by the database; checking costs queries
    run.save()
    _save_rejects(run, result)
    _audit(run, actor)
    if result.status == RunStatus.STORED:
        assert result.staged is not None
        result.staged.commit()
    return run


def _save_rejects(run: ImportRun, result: FileResult) -> None:
    RejectedRow.objects.bulk_create(
        (
            RejectedRow(run=run, line=line, rule=rule, value=(value or "")[:2000], message=message[:500])
            for line, rule, value, message in result.rejects.iter_rows()
        ),
        batch_size=REJECT_BATCH,
    )


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
    summary = ImportSummary(repaired=repair_runs(store, actor=actor))
    items = prepare_all(iter_sources(paths, force=force), store, attributor, reimport=reimport)
    for item in items:
        run = None
        if isinstance(item, Skipped):
            summary.skipped.append(item)
        else:
            run = record_result(item, geography=attributor.version, actor=actor)
            summary.runs.append(run)
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
    elif run.status in (RunStatus.FAILED, RunStatus.REFUSED):
        record_event(ImportFailed(file=run.source, reason=run.error), actor=actor, obj=run)


RECOVERED_NOTE = (
    "recorded from the store after an import was interrupted between storing the file and recording it; "
    "its counts come from the stored file, its rejected rows were not kept (import the file again with "
    "--reimport to list them)"
)


def _agrees(run: ImportRun | None, partition: Partition) -> bool:
    meta = partition.metadata
    return run is not None and run.sha256 == meta.get("sha256") and run.rows_stored == partition.rows


@transaction.atomic
def repair_runs(store: Store, *, actor: Any = None) -> list[ImportRun]:
    """Make the current runs agree with the partitions in the store; return the runs changed.

    A partition whose footer (sha256, rows) is not that of its current run was swapped in
    by an import that died before recording it: a ``recovered`` run is recorded from the
    footer and made current. A current run whose partition is gone stops being current.
    """
    current = {(r.kind, r.force, r.month): r for r in ImportRun.objects.select_for_update().filter(is_current=True)}
    changed: list[ImportRun] = []
    for partition in store.partitions():
        key = (partition.kind.value, partition.force, partition.month)
        run = current.pop(key, None)
        if _agrees(run, partition):
            continue
        if run is not None:
            run.is_current = False
            run.save(update_fields=["is_current"])
        changed.append(_recovered(partition, actor))
    for run in current.values():
        run.is_current = False
        run.save(update_fields=["is_current"])
        changed.append(run)
    return changed


def _recovered(partition: Partition, actor: Any) -> ImportRun:
    meta = partition.metadata
    source = meta.get("source", partition.path.name)
    result = FileResult(source, partition.kind.value, partition.force, partition.month, RunStatus.RECOVERED)
    result.sha256 = meta.get("sha256", "")
    fill_from_footer(result, meta, partition.rows)
    result.error = RECOVERED_NOTE
    run = ImportRun(**_run_fields(result, meta.get("geography", "")), started_by=actor, is_current=True)
    run.full_clean()
    run.save()
    return run
