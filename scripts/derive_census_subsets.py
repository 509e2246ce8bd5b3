"""Re-derive the Lancashire subsets of the Census 2021 and mid-2020 population files shipped for PACT
representativeness (data/census2021/ and data/population/).

Keeps the rows of each national file whose LSOA code is one of the 941 Lancashire 2011 LSOAs in
data/geography/lancashire_lsoa11_reference.csv; columns and values are unchanged. The Census 2021 file is
keyed by 2021 LSOA codes: the 924 Lancashire LSOAs whose code did not change in 2021 are kept (the 17 that
were split or merged have no row; see docs/engagement-pact.md for how that is handled).
Usage: python scripts/derive_census_subsets.py ../shared/data
"""

from __future__ import annotations

import csv
import gzip
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"

SUBSETS = [
    (
        "population/population_mid2020_sya_by_lsoa11_EW.csv.gz",
        "population/population_mid2020_sya_lsoa11_lancashire.csv",
        "lsoa11_code",
    ),
    (
        "census2021/ethnicity21_broad_by_lsoa21_EW.csv.gz",
        "census2021/ethnicity21_broad_lsoa21_lancashire.csv",
        "lsoa21_code",
    ),
]


def main(shared: Path) -> None:
    with open(DATA / "geography" / "lancashire_lsoa11_reference.csv", newline="", encoding="utf-8") as handle:
        codes = {row["lsoa11cd"] for row in csv.DictReader(handle)}
    for source, target, key in SUBSETS:
        with gzip.open(shared / source, "rt", newline="", encoding="utf-8") as src:
            reader = csv.DictReader(src)
            with open(DATA / target, "w", newline="", encoding="utf-8") as out:
                writer = csv.DictWriter(out, fieldnames=list(reader.fieldnames or []), lineterminator="\n")
                writer.writeheader()
                writer.writerows(row for row in reader if row[key] in codes)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
