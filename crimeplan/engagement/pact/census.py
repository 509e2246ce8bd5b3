"""The resident population of a PACT neighbourhood, from the census subsets shipped in ``data/``.

Age: ONS mid-2020 single year of age by 2011 LSOA (``data/population/``); ethnicity: Census 2021 TS021 broad
groups by 2021 LSOA (``data/census2021/``). Both files are read once per process.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from django.conf import settings

from crimeplan.analytics.representativeness import Population, load_age_bands, load_ethnicity, population_of

AGES = Path("population") / "population_mid2020_sya_lsoa11_lancashire.csv"
ETHNICITY = Path("census2021") / "ethnicity21_broad_lsoa21_lancashire.csv"


@lru_cache(maxsize=1)
def _ages() -> dict[str, dict[str, int]]:
    return load_age_bands(settings.SHIPPED_DATA_DIR / AGES)


@lru_cache(maxsize=1)
def _ethnicity() -> dict[str, dict[str, int]]:
    return load_ethnicity(settings.SHIPPED_DATA_DIR / ETHNICITY)


@lru_cache(maxsize=1)
def _residents() -> dict[str, int]:
    with open(settings.SHIPPED_DATA_DIR / AGES, newline="", encoding="utf-8") as handle:
        return {row["lsoa11_code"]: int(row["total_population"]) for row in csv.DictReader(handle)}


def population(lsoa_codes: list[str]) -> Population:
    """Residents 16+ by age band and all residents by ethnic group, summed over the LSOAs."""
    return population_of(lsoa_codes, _ages(), _ethnicity())


def residents(lsoa_codes: list[str]) -> dict[str, int]:
    """All residents (mid-2020) of each LSOA; an LSOA outside the shipped subset has none."""
    known = _residents()
    return {code: known.get(code, 0) for code in lsoa_codes}
