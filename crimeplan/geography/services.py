"""Loading reference geography into the store and the database, as one step."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.db import models, transaction

from crimeplan.analytics import geography
from crimeplan.analytics.lazy import lazy_module
from crimeplan.analytics.readers.postcodes import PostcodeFile, read_postcodes
from crimeplan.audit.events import GeographyLoaded
from crimeplan.audit.services import record_event
from crimeplan.core.store import get_store
from crimeplan.geography.models import CommunitySafetyPartnership, LocalAuthority, Lsoa, PoliceForceArea, Postcode, Ward

if TYPE_CHECKING:
    import polars as pl
else:
    pl = lazy_module("polars")

BATCH = 2_000


def _upsert(model: type[models.Model], rows: Sequence[dict[str, Any]], fields: list[str]) -> int:
    objects = [model(**row) for row in rows]
    model._default_manager.bulk_create(
        objects, batch_size=BATCH, update_conflicts=True, unique_fields=["code"], update_fields=fields
    )
    return len(objects)


def _distinct(frame: pl.DataFrame, columns: dict[str, str]) -> list[dict[str, Any]]:
    """Distinct non-null rows of ``columns`` (frame column -> model field), keyed by the first."""
    key = next(iter(columns))
    picked = frame.select(list(columns)).filter(pl.col(key).is_not_null()).unique(subset=key, keep="first")
    return [{columns[c]: v for c, v in row.items()} for row in picked.sort(key).iter_rows(named=True)]


#: Store reference column -> model field, for each level of the hierarchy (the first is the key).
LEVELS: list[tuple[str, type[models.Model], dict[str, str]]] = [
    ("police force areas", PoliceForceArea, {"pfa_code": "code", "pfa_name": "name"}),
    ("CSPs", CommunitySafetyPartnership, {"csp_code": "code", "csp_name": "name", "pfa_code": "police_force_area_id"}),
    ("local authorities", LocalAuthority, {"lad_code": "code", "lad_name": "name", "csp_code": "csp_id"}),
    ("wards", Ward, {"ward_code": "code", "ward_name": "name", "lad_code": "local_authority_id"}),
    (
        "LSOAs",
        Lsoa,
        {
            "lsoa_code": "code",
            "lsoa_name": "name",
            "ward_code": "ward_id",
            "lad_code": "local_authority_id",
            **{c: c for c in ("population", "population_year", "imd_rank", "imd_decile", "latitude", "longitude")},
        },
    ),
]


@transaction.atomic
def sync_database(lsoa: pl.DataFrame, forces: pl.DataFrame) -> dict[str, int]:
    """Mirror the store's reference tables into the ORM (insert or update by code), top level first."""
    slugs = {code: slug for slug, code in forces.select("slug", "pfa_code").drop_nulls().iter_rows()}
    counts = {}
    for label, model, columns in LEVELS:
        rows = _distinct(lsoa, columns)
        fields = [f.removesuffix("_id") for f in columns.values() if f != "code"]
        if model is PoliceForceArea:
            for row in rows:
                row["force_slug"] = slugs.get(row["code"])
            fields.append("force_slug")
        counts[label] = _upsert(model, rows, fields)
    return counts


def load_geography(
    paths: Iterable[str | Path], *, actor: Any = None
) -> tuple[geography.GeographyReport, dict[str, int]]:
    """Read geography files into the store's reference tables, then mirror them into the database."""
    files = [Path(p) for p in paths]
    store = get_store()
    report = geography.load(files, store)
    lsoa = store.read_reference("lsoa")
    forces = store.read_reference("forces")
    if lsoa is None or forces is None:
        raise RuntimeError("the reference tables were not written")
    counts = sync_database(lsoa, forces)
    record_event(
        GeographyLoaded(files=[p.name for p in files], lsoas=report.lsoas, boundaries=report.boundaries),
        actor=actor,
    )
    return report, counts


class NothingStored(ValueError):
    """A postcode file none of whose rows could be stored (the import refuses it)."""


def load_postcodes(path: str | Path) -> PostcodeFile:
    """Store a postcode-to-LSOA lookup for the LSOAs loaded; refuse a file that stores nothing.

    Reconciles: the file's rows read = postcodes stored + rows rejected (each with line, rule and value).
    """
    known = set(Lsoa.objects.values_list("code", flat=True))
    found = read_postcodes(path, known)
    if found.read != found.stored + found.rejected_count:
        raise RuntimeError(
            f"{found.source}: {found.read} read but {found.stored} + {found.rejected_count} accounted for"
        )
    if not found.stored:
        reasons = ", ".join(f"{rule}: {n:,}" for rule, n in found.rejected_by_rule.most_common()) or "no rows"
        raise NothingStored(f"{found.source}: no postcode stored ({reasons}); load the LSOA geography first")
    rows = [
        Postcode(postcode=code, lsoa_id=lsoa, terminated=ended, source=found.source[:200])
        for code, (lsoa, ended) in found.postcodes.items()
    ]
    with transaction.atomic():
        Postcode.objects.bulk_create(
            rows,
            batch_size=BATCH,
            update_conflicts=True,
            unique_fields=["postcode"],
            update_fields=["lsoa", "terminated", "source"],
        )
    return found
