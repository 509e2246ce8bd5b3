"""Re-derive data/reoffending/ho_offence_code_ogrs3.csv from the shared data pack.

Joins the pack's two flattened copies of the MoJ "Manage Offences" actuarial mapping on the
Home Office offence code: the OGRS3 offence category and weighting from
``ho_offence_code_ogrs3_snsv_weightings.csv`` and the offence group and descriptions from
``ho_offence_code_actuarial_categories.csv``. Columns are selected and renamed; no value is
changed, except that runs of spaces in descriptions are collapsed to one. Codes with no OGRS3
category in the mapping keep a blank category.
Usage: python scripts/derive_ogrs3_offence_codes.py ../shared/data
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "data" / "reoffending" / "ho_offence_code_ogrs3.csv"
FIELDS = ["ho_offence_code", "ogrs3_category", "ogrs3_weighting", "offence_group", "category", "sub_category"]


def main(shared: Path) -> None:
    folder = shared / "reoffending"
    with open(folder / "ho_offence_code_actuarial_categories.csv", newline="", encoding="utf-8") as handle:
        described = {row["ho_offence_code"]: row for row in csv.DictReader(handle)}
    with (
        open(folder / "ho_offence_code_ogrs3_snsv_weightings.csv", newline="", encoding="utf-8") as src,
        open(OUT, "w", newline="", encoding="utf-8") as out,
    ):
        writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        for row in csv.DictReader(src):
            text = described.get(row["ho_offence_code"], {})
            weighted = row["ogrs3Weighting"] != ""
            writer.writerow(
                {
                    "ho_offence_code": row["ho_offence_code"],
                    "ogrs3_category": row["ogrs3Weighting_description"] if weighted else "",
                    "ogrs3_weighting": row["ogrs3Weighting"],
                    "offence_group": text.get("parent_group", ""),
                    "category": text.get("category_description", "").strip(),
                    "sub_category": " ".join(text.get("sub_category_description", "").split()),
                }
            )


if __name__ == "__main__":
    main(Path(sys.argv[1]))
