"""Crime harm: Cambridge Crime Harm Index (CCHI) days per police.uk crime type.

A record's harm is the CCHI weight of its crime type: the days of imprisonment the starting-point
sentence for such an offence would carry (Sherman, Neyroud & Neyroud 2016, "The Cambridge Crime Harm
Index", Policing 10(3)). police.uk groups offences into 13 crime types; the weights used here are,
for each type, the count-weighted mean of the CCHI medians of the Home Office offence subgroups in it
(see ``data/PROVENANCE.md``). Anti-social behaviour is not a notifiable crime, and the two types
police.uk used before May 2013 ("Violent crime", "Public disorder and weapons") mix offences the
weights keep apart: these have no weight, harm totals exclude them, and pages show them as counts.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from crimeplan.analytics.forces import Force, normalise_name
from crimeplan.analytics.lazy import lazy_module
from crimeplan.analytics.vocabulary import ANTI_SOCIAL_BEHAVIOUR, CRIME_TYPES, HISTORIC_CRIME_TYPES

if TYPE_CHECKING:
    import polars as pl
else:
    pl = lazy_module("polars")

NATIONAL_FILE = "cchi_weights_by_policeuk_category_national.csv"
BY_FORCE_FILE = "cchi_weights_by_policeuk_category_lancs_leics.csv"
#: Crime types that are counted but carry no harm.
UNWEIGHTED = frozenset({ANTI_SOCIAL_BEHAVIOUR, *HISTORIC_CRIME_TYPES})


@dataclass(frozen=True)
class HarmWeights:
    """CCHI days per police.uk crime type, and where they came from."""

    days: Mapping[str, float]
    source: str

    def weight(self, crime_type: str) -> float | None:
        """Days for one crime type; ``None`` for the types with no weight (anti-social behaviour, pre-2013)."""
        if crime_type in UNWEIGHTED:
            return None
        if crime_type not in self.days:
            raise ValueError(f"no harm weight for {crime_type!r}; weighted types: {', '.join(sorted(self.days))}")
        return self.days[crime_type]

    def frame(self) -> pl.DataFrame:
        """``crime_type``, ``cchi_days`` (null for anti-social behaviour)."""
        rows = [(name, self.days.get(name)) for name in CRIME_TYPES]
        return pl.DataFrame(rows, schema={"crime_type": pl.String, "cchi_days": pl.Float64}, orient="row")

    def harm(self, counts: Mapping[str, int]) -> float:
        """Total CCHI days for counts by crime type (anti-social behaviour contributes nothing)."""
        return sum(n * (self.weight(t) or 0.0) for t, n in counts.items())


def _read(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _checked(days: dict[str, float], source: str) -> HarmWeights:
    missing = set(CRIME_TYPES) - {ANTI_SOCIAL_BEHAVIOUR} - set(days)
    if missing:
        raise ValueError(f"{source}: no weight for {', '.join(sorted(missing))}")
    return HarmWeights(days=days, source=source)


def load_weights(folder: Path, force: Force | None = None) -> HarmWeights:
    """The force's own weights when the per-force file has them, else the national weights."""
    if force is not None and (folder / BY_FORCE_FILE).exists():
        wanted = force.area_name
        own = {
            r["crime_type"]: float(r["cchi_days"])
            for r in _read(folder / BY_FORCE_FILE)
            if normalise_name(r["force"], drop_suffixes=True) == wanted
        }
        if own:
            return _checked(own, f"CCHI weights for {force.name} ({BY_FORCE_FILE})")
    national = {r["crime_type"]: float(r["cchi_days"]) for r in _read(folder / NATIONAL_FILE)}
    return _checked(national, f"national CCHI weights ({NATIONAL_FILE})")


def add_harm(frame: pl.DataFrame, weights: HarmWeights, count: str = "count") -> pl.DataFrame:
    """Add ``cchi_days`` and ``harm`` (= count × days; null for anti-social behaviour)."""
    return frame.join(weights.frame(), on="crime_type", how="left").with_columns(
        (pl.col(count) * pl.col("cchi_days")).alias("harm")
    )
