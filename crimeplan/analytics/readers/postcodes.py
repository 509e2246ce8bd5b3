"""ONS postcode-to-LSOA lookups (ONSPD, NSPL, or the postcode to OA/LSOA/MSOA/LAD best-fit lookup).

A file is recognised by its header: a postcode column and a 2011 LSOA column, named as ONS names them.

==================  ==============================================================================
column              names recognised (case does not matter)
==================  ==============================================================================
postcode            ``pcds`` (with a space, preferred), else ``pcd``, ``pcd7``, ``pcd8``, ``pcd2``
LSOA (2011)         ``lsoa11``, ``lsoa11cd``
terminated          ``doterm`` (optional: the month the postcode was terminated, empty if live)
==================  ==============================================================================

Each row is stored or rejected with a rule; read = stored + rejected. Rules:

- ``postcode-format``: the postcode is not a UK postcode (outward code, space, inward code);
- ``lsoa-missing``: the LSOA column is empty (a postcode with no grid reference, or outside E+W);
- ``lsoa-not-loaded``: the LSOA is not in the loaded geography (another force area, or not England
  and Wales); counted, and the first few kept, like any rejection;
- ``postcode-repeated``: the postcode was already read from an earlier line of the file.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from crimeplan.analytics.readers.policeuk import decompress

POSTCODE_COLUMNS = ("pcds", "pcd", "pcd7", "pcd8", "pcd2")
LSOA_COLUMNS = ("lsoa11", "lsoa11cd")
TERMINATED_COLUMN = "doterm"
#: Rejected rows kept with their line and value (all are counted by rule).
KEEP_REJECTED = 1_000
_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$")


def normalise_postcode(text: str) -> str | None:
    """ "pr1  2hn" -> "PR1 2HN"; None when the text is not a postcode."""
    match = _POSTCODE.match(re.sub(r"\s+", " ", text.strip().upper()))
    return f"{match.group(1)} {match.group(2)}" if match else None


@dataclass(frozen=True)
class Rejection:
    line: int
    rule: str
    value: str


@dataclass
class PostcodeFile:
    """What a postcode lookup file gave: postcode -> (LSOA code, terminated), and what it refused."""

    source: str
    read: int = 0
    postcodes: dict[str, tuple[str, bool]] = field(default_factory=dict)
    rejected: list[Rejection] = field(default_factory=list)
    rejected_by_rule: Counter[str] = field(default_factory=Counter)

    @property
    def stored(self) -> int:
        return len(self.postcodes)

    @property
    def rejected_count(self) -> int:
        return sum(self.rejected_by_rule.values())

    def reject(self, line: int, rule: str, value: str) -> None:
        self.rejected_by_rule[rule] += 1
        if len(self.rejected) < KEEP_REJECTED:
            self.rejected.append(Rejection(line, rule, value))


def _pick(header: list[str], names: tuple[str, ...]) -> int | None:
    lowered = [h.strip().lower() for h in header]
    return next((lowered.index(n) for n in names if n in lowered), None)


def is_postcode_file(header: list[str]) -> bool:
    """Whether a CSV header is a postcode-to-LSOA lookup's."""
    return _pick(header, POSTCODE_COLUMNS) is not None and _pick(header, LSOA_COLUMNS) is not None


def sniff_header(path: str | Path) -> list[str]:
    """The first row of a CSV file (compressed or not), or [] when it is not text."""
    path = Path(path)
    if path.suffix.lower() in (".geojson", ".json"):
        return []
    with path.open("rb") as handle:
        head = handle.read(64 * 1024)
    try:
        text = decompress(head).removeprefix(b"\xef\xbb\xbf").decode("utf-8", errors="replace")
    except (OSError, EOFError, ValueError):
        return []
    return next(csv.reader(io.StringIO(text.splitlines()[0] if text else "")), [])


def read_postcodes(path: str | Path, known_lsoas: Collection[str]) -> PostcodeFile:
    """Read a postcode lookup; a repeated postcode keeps its first row (ONS files hold each once)."""
    path = Path(path)
    text = decompress(path.read_bytes()).removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    rows = csv.reader(io.StringIO(text))
    header = next(rows, [])
    postcode_at, lsoa_at = _pick(header, POSTCODE_COLUMNS), _pick(header, LSOA_COLUMNS)
    if postcode_at is None or lsoa_at is None:
        raise ValueError(f"{path.name}: not a postcode lookup (needs one of {POSTCODE_COLUMNS} and {LSOA_COLUMNS})")
    terminated_at = _pick(header, (TERMINATED_COLUMN,))
    found = PostcodeFile(path.name)
    for line, row in enumerate(rows, start=2):
        if not row:
            continue
        found.read += 1
        raw = row[postcode_at] if postcode_at < len(row) else ""
        postcode = normalise_postcode(raw)
        lsoa = (row[lsoa_at] if lsoa_at < len(row) else "").strip()
        if postcode is None:
            found.reject(line, "postcode-format", raw)
        elif not lsoa:
            found.reject(line, "lsoa-missing", postcode)
        elif lsoa not in known_lsoas:
            found.reject(line, "lsoa-not-loaded", f"{postcode} {lsoa}")
        elif postcode in found.postcodes:
            found.reject(line, "postcode-repeated", postcode)
        else:
            ended = terminated_at is not None and terminated_at < len(row) and bool(row[terminated_at].strip())
            found.postcodes[postcode] = (lsoa, ended)
    return found
