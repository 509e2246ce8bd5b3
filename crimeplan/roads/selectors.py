"""Road safety reads: which forces are loaded, a force-year's figures, sites, hotspots and actions."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import QuerySet

from crimeplan.analytics import road_safety, road_sites
from crimeplan.analytics.lazy import lazy_module
from crimeplan.analytics.readers.stats19 import labels
from crimeplan.core.store import get_store
from crimeplan.roads.constants import TREATED_RADIUS_M
from crimeplan.roads.models import RoadSafetyAction

if TYPE_CHECKING:
    import polars as pl
else:
    pl = lazy_module("polars")

_TABLE_OF = {"age_band_of_casualty": "casualties"}


def forces_loaded() -> dict[str, list[int]]:
    """``{force: [years]}`` with STATS19 collisions in the store."""
    out: dict[str, list[int]] = {}
    for part in get_store().year_partitions("collisions"):
        out.setdefault(part.force, []).append(part.year)
    return {force: sorted(years) for force, years in sorted(out.items())}


def default_force() -> str | None:
    """The office's force if its STATS19 is loaded, else the loaded force with the latest year."""
    loaded = forces_loaded()
    if settings.DEFAULT_FORCE in loaded:
        return str(settings.DEFAULT_FORCE)
    return max(loaded, key=lambda f: (loaded[f][-1], len(loaded[f])), default=None)


@dataclass
class ForceData:
    force: str
    casualties: pl.DataFrame
    collisions: pl.DataFrame


def _version(force: str) -> tuple[tuple[str, int], ...]:
    """The stored partitions of a force with their modification times: changes when an import rewrites one."""
    store = get_store()
    parts = [p for t in ("collisions", "casualties") for p in store.year_partitions(t, force)]
    return tuple((str(p.path), p.path.stat().st_mtime_ns) for p in parts)


def force_data(force: str) -> ForceData:
    return _force_data(force, _version(force))


@lru_cache(maxsize=8)
def _force_data(force: str, version: tuple[tuple[str, int], ...]) -> ForceData:
    store = get_store()
    return ForceData(
        force,
        road_safety.frame(store, "stats19_casualties", force),
        road_safety.frame(store, "stats19_collisions", force),
    )


def population(level: str) -> dict[str, int]:
    """Residents per LAD or CSP from the areas the STATS19 import attached."""
    column = {"lad": "lad_code", "csp": "csp_code"}[level]
    rows = (
        get_store().query(f"SELECT {column}, sum(population) FROM stats19_areas GROUP BY 1", max_rows=100_000).rows
    )  # column comes from the fixed mapping above
    return {code: int(n) for code, n in rows if code and n}


def area_names() -> dict[str, str]:
    rows = (
        get_store()
        .query(
            "SELECT DISTINCT lad_code, lad_name FROM stats19_areas "
            "UNION SELECT DISTINCT csp_code, csp_name FROM stats19_areas",
            max_rows=100_000,
        )
        .rows
    )
    return {code: name for code, name in rows if code}


def _labels(column: str) -> dict[str, str]:
    return dict(labels(_TABLE_OF.get(column, "collisions"), column))


def overview(force: str, year: int) -> dict[str, Any]:
    """Everything the road-safety page shows for one force-year."""
    data = force_data(force)
    rows = road_safety.summaries_of(data.casualties, data.collisions, force)
    summary = next((r for r in rows if r.year == year), None)
    names = area_names()
    areas = {}
    for level in ("lad", "csp"):
        figures = road_safety.by_area(data.casualties, year, level, population(level))
        for row in figures:
            row["name"] = names.get(row["code"] or "", "Not attached")
        areas[level] = figures
    breakdowns = {
        key: {"label": label, "rows": road_safety.breakdown(data.casualties, key, year, _labels(key))}
        for key, label in road_safety.BREAKDOWNS.items()
    }
    return {
        "summary": summary,
        "years": rows,
        "comparison": road_safety.compare_ksi(rows, year),
        "breakdowns": breakdowns,
        "areas": areas,
    }


def casualties_by_collision(casualties: pl.DataFrame) -> pl.DataFrame:
    return casualties.group_by("collision_index").agg(
        fatal=(pl.col("casualty_severity") == 1).sum(),
        serious=(pl.col("casualty_severity") == 2).sum(),
        slight=(pl.col("casualty_severity") == 3).sum(),
    )


def ranked_sites(force: str, limit: int | None = 50) -> list[road_sites.Site]:
    sites = _ranked_sites(force, _version(force))
    return list(sites[:limit]) if limit else list(sites)


@lru_cache(maxsize=8)
def _ranked_sites(force: str, version: tuple[tuple[str, int], ...]) -> tuple[road_sites.Site, ...]:
    result = get_store().named("stats19_site_casualties", force=force)
    per = pl.DataFrame(result.rows, schema=result.columns, orient="row")
    return tuple(road_sites.rank_sites(force_data(force).collisions, per))


def hotspots(force: str) -> list[dict[str, Any]]:
    return list(_hotspots(force, _version(force)))


@lru_cache(maxsize=8)
def _hotspots(force: str, version: tuple[tuple[str, int], ...]) -> tuple[dict[str, Any], ...]:
    collisions = force_data(force).collisions
    return tuple(road_sites.grid_hotspots(collisions)) if collisions.height >= 3 else ()


def actions(user: Any, force: str | None = None) -> QuerySet[RoadSafetyAction]:
    """The register (public: partners' actions are published). Example records are marked."""
    found = RoadSafetyAction.objects.all()
    return found.filter(force=force) if force else found


def get_action(user: Any, pk: int) -> RoadSafetyAction | None:
    return actions(user).filter(pk=pk).first()


def _distance_m(lat: pl.Expr, lon: pl.Expr, lat0: float, lon0: float) -> pl.Expr:
    k = math.pi / 180
    dx = (lon - lon0) * k * math.cos(lat0 * k) * 6_371_000
    dy = (lat - lat0) * k * 6_371_000
    return (dx * dx + dy * dy).sqrt()


def evaluate(action: RoadSafetyAction) -> dict[str, Any]:
    """Before/after with a comparison group: KSI-or-injury collisions within the radius vs the rest of the force.

    The same number of days before the start and after the end; the ratio of ratios is
    (treated after / treated before) / (comparison after / comparison before), with an
    approximate 95% interval from the four Poisson counts.
    """
    collisions = force_data(action.force).collisions
    days = (action.ended_on - action.started_on).days + 1
    span = max(days, 90)
    from datetime import timedelta

    before = (action.started_on - timedelta(days=span), action.started_on - timedelta(days=1))
    after = (action.ended_on + timedelta(days=1), action.ended_on + timedelta(days=span))
    if not collisions.height:
        return {"available": False, "note": "No STATS19 collisions are loaded for this force."}
    flagged = collisions.with_columns(
        treated=_distance_m(pl.col("latitude"), pl.col("longitude"), action.latitude, action.longitude)
        <= TREATED_RADIUS_M
    )
    counts = {}
    for group in (True, False):
        for label, (first, last) in (("before", before), ("after", after)):
            part = flagged.filter((pl.col("treated") == group) & pl.col("date").is_between(first, last))
            counts[("treated" if group else "comparison", label)] = part.height
    last_date = collisions.get_column("date").max()
    return _ratio(counts, before, after, last_date)


def _ratio(counts: dict[tuple[str, str], int], before: Any, after: Any, last_date: Any) -> dict[str, Any]:
    a1, a0 = counts[("treated", "after")], counts[("treated", "before")]
    c1, c0 = counts[("comparison", "after")], counts[("comparison", "before")]
    out: dict[str, Any] = {
        "available": True, "before": before, "after": after, "last_date": last_date,
        "treated_before": a0, "treated_after": a1, "comparison_before": c0, "comparison_after": c1,
    }  # fmt: skip
    if after[1] > last_date:
        out["note"] = f"The after period runs past the last loaded collision ({last_date}); counts are incomplete."
    if min(a1, a0, c1, c0) == 0:
        out["ratio"] = None
        out.setdefault("note", "A zero count in one of the four cells: no ratio can be estimated.")
        return out
    ratio = (a1 / a0) / (c1 / c0)
    se = math.sqrt(1 / a1 + 1 / a0 + 1 / c1 + 1 / c0)
    out.update(ratio=ratio, low=ratio * math.exp(-1.96 * se), high=ratio * math.exp(1.96 * se))
    return out
