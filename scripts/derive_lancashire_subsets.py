"""Re-derive the Lancashire subsets of national ONS files shipped in data/geography/.

Keeps the rows of each national file whose 2011 LSOA is one of the 941
Lancashire LSOAs in data/geography/lancashire_lsoa11_reference.csv; columns and
values are unchanged (the population file keeps only its name, code and total
columns). Usage: python scripts/derive_lancashire_subsets.py ../shared/data
"""

from __future__ import annotations

import csv
import gzip
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent / "data" / "geography"


def main(shared: Path) -> None:
    with open(HERE / "lancashire_lsoa11_reference.csv", newline="", encoding="utf-8") as handle:
        codes = {row["lsoa11cd"] for row in csv.DictReader(handle)}
    subsets = [
        (
            "lsoa_reference/lsoa11_ward19_lad19_lookup_EW.csv.gz",
            "lsoa11_ward19_lad19_lookup_lancashire.csv",
            "LSOA11CD",
            None,
        ),
        (
            "population/population_mid2020_sya_by_lsoa11_EW.csv.gz",
            "population_mid2020_lsoa11_lancashire.csv",
            "lsoa11_code",
            ["lsoa11_name", "lsoa11_code", "total_population"],
        ),
    ]
    for source, target, key, keep in subsets:
        with gzip.open(shared / source, "rt", newline="", encoding="utf-8") as src:
            reader = csv.DictReader(src)
            fields = keep or list(reader.fieldnames or [])
            with open(HERE / target, "w", newline="", encoding="utf-8") as out:
                writer = csv.DictWriter(out, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
                writer.writeheader()
                writer.writerows(row for row in reader if row[key] in codes)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
