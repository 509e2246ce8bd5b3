"""Road safety services: import STATS19 files, record partners' actions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction

from crimeplan.analytics.lazy import lazy_module
from crimeplan.analytics.readers.stats19 import code_list
from crimeplan.analytics.stats19_ingest import Areas, Stats19Result, prepare_stats19
from crimeplan.audit.services import record_event
from crimeplan.core.store import get_store
from crimeplan.roads.events import RoadActionRecorded, Stats19Imported
from crimeplan.roads.models import RoadSafetyAction, Stats19Import, Stats19RejectedRow

if TYPE_CHECKING:
    import polars as pl
else:
    pl = lazy_module("polars")

#: LSOA -> ward -> LAD -> CSP lookups (with residents) shipped for the STATS19 forces the repository holds.
SHIPPED_AREAS = ("stats19/west_yorkshire_lsoa11_areas.csv",)
LAD_CSP = "geography/lad19_csp19_pfa19_lookup_EW.csv"


def areas_for_import() -> Areas:
    """The store's loaded geography (its ``lsoa`` table) plus the shipped STATS19 area lookups.

    The areas are written to the store as ``stats19_areas`` so pages can name them and use their residents.
    """
    store = get_store()
    frames = [pl.read_csv(settings.SHIPPED_DATA_DIR / name, infer_schema=False) for name in SHIPPED_AREAS]
    loaded = store.read_reference("lsoa")
    if loaded is not None and loaded.height:
        frames.append(
            loaded.select(
                "lsoa_code", "ward_code", "ward_name", "lad_code", "lad_name", "csp_code", "csp_name", "population"
            )
        )
    lad = pl.read_csv(settings.SHIPPED_DATA_DIR / LAD_CSP, infer_schema=False).select(
        pl.col("LAD19CD").alias("lad_code"), pl.col("CSP19CD").alias("csp_code")
    )
    areas = Areas.build(frames, lad)
    store.write_stats19_reference("stats19_areas", areas.lsoas)
    store.write_stats19_reference("stats19_codes", code_list().rename({"table": "table_name", "column": "column_name"}))
    return areas


def import_stats19(*, user: Any = None, paths: Iterable[str | Path], reimport: bool = False) -> list[Stats19Import]:
    """Import DfT STATS19 files; the store's partitions are swapped in once every file is ready."""
    results = prepare_stats19(list(paths), get_store(), areas_for_import(), reimport=reimport)
    runs = []
    with transaction.atomic():
        for result in results:
            runs.append(_record(result, user))
        for result in results:
            for staged in result.staged:
                staged.commit()
    return runs


def _record(result: Stats19Result, user: Any) -> Stats19Import:
    run = Stats19Import(
        file_name=result.name, source=result.source, sha256=result.sha256, table=result.table, status=result.status,
        rows_read=result.rows_read, rows_stored=result.rows_stored, rows_rejected=result.rows_rejected,
        rejected_by_rule=result.rejected_by_rule, unknown_columns=result.unknown_columns,
        partitions=result.partitions, unattributed=result.unattributed, error=result.error,
    )  # fmt: skip
    run.full_clean()
    run.save()
    Stats19RejectedRow.objects.bulk_create(
        Stats19RejectedRow(run=run, line=line, rule=rule, value=value[:2000], message=message[:500])
        for line, rule, value, message in result.rejects.iter_rows()
    )
    event = Stats19Imported(
        file=result.name, status=result.status, rows_read=result.rows_read,
        rows_stored=result.rows_stored, rows_rejected=result.rows_rejected,
    )  # fmt: skip
    record_event(event, actor=user, obj=run)
    return run


@transaction.atomic
def record_action(
    *,
    user: Any,
    kind: str,
    title: str,
    partner: str,
    site: str,
    force: str,
    latitude: float,
    longitude: float,
    started_on: dt.date,
    ended_on: dt.date,
    vehicles_checked: int | None = None,
    over_limit: int | None = None,
    notes: str = "",
    is_example: bool = False,
) -> RoadSafetyAction:
    """Add a partner's road-safety action to the register."""
    action = RoadSafetyAction(
        kind=kind, title=title, partner=partner, site=site, force=force, latitude=latitude, longitude=longitude,
        started_on=started_on, ended_on=ended_on, vehicles_checked=vehicles_checked, over_limit=over_limit,
        notes=notes, is_example=is_example, created_by=user if getattr(user, "pk", None) else None,
    )  # fmt: skip
    action.full_clean()
    action.save()
    record_event(
        RoadActionRecorded(kind=kind, title=title), actor=user if getattr(user, "pk", None) else None, obj=action
    )
    return action
