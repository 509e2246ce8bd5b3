"""Convert DfT's STATS19 data guide (sheet ``2024_code_list``) to the CSV the reader ships.

Usage: ``python scripts/stats19_code_list.py GUIDE.xlsx OUT.csv``. Reads the workbook with the
standard library only (an .xlsx is a zip of XML), keeping the sheet's rows unchanged.
"""

from __future__ import annotations

import csv
import sys
import zipfile
from xml.etree import ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


def _column(ref: str) -> int:
    letters = "".join(ch for ch in ref if ch.isalpha())
    index = 0
    for ch in letters:
        index = index * 26 + ord(ch) - 64
    return index - 1


def rows(path: str) -> list[list[str]]:
    with zipfile.ZipFile(path) as book:
        shared = [
            "".join(t.text or "" for t in si.iter(f"{{{NS['m']}}}t"))
            for si in ET.fromstring(book.read("xl/sharedStrings.xml")).findall("m:si", NS)  # noqa: S314 (DfT guide)
        ]
        sheet = ET.fromstring(book.read("xl/worksheets/sheet1.xml"))  # noqa: S314 (a maintainer runs it on DfT guide)
    out = []
    for row in sheet.iter(f"{{{NS['m']}}}row"):
        cells: dict[int, str] = {}
        for cell in row.findall("m:c", NS):
            value = cell.find("m:v", NS)
            inline = cell.find("m:is", NS)
            text = value.text or "" if value is not None else ""
            if cell.get("t") == "s":
                text = shared[int(text)]
            elif inline is not None:
                text = "".join(t.text or "" for t in inline.iter(f"{{{NS['m']}}}t"))
            cells[_column(cell.get("r", "A"))] = text.strip()
        if cells:
            out.append([cells.get(i, "") for i in range(max(cells) + 1)])
    return out


def main() -> None:
    source, target = sys.argv[1], sys.argv[2]
    data = rows(source)
    width = max(len(r) for r in data)
    with open(target, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerows(r + [""] * (width - len(r)) for r in data)


if __name__ == "__main__":
    main()
