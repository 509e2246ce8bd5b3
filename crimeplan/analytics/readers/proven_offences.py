"""Reading a CSV of proven offences for a reoffending cohort, row by row, with reasons.

The file is UTF-8 CSV with a header naming these columns, in any order (see
``docs/analytics/proven-reoffending.md``):

=================  ========  ====================================================================
column             required  meaning
=================  ========  ====================================================================
member_reference   yes       the cohort member's reference, as shown on the cohort page
offence_date       yes       when the offence was committed, ``YYYY-MM-DD``
proven_date        yes       the date of the conviction or caution that proved it, ``YYYY-MM-DD``
disposal           yes       ``conviction`` or ``caution``
offence_code       no        Home Office offence code, 5 digits (e.g. ``05911``)
description        no        free text, at most 200 characters
=================  ========  ====================================================================

Every data line is either a row or a rejection with its line number, column, value and a reason
a person can act on, so ``read == len(rows) + len(rejections)``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date

REQUIRED = ("member_reference", "offence_date", "proven_date", "disposal")
OPTIONAL = ("offence_code", "description")
COLUMNS = REQUIRED + OPTIONAL
DISPOSALS = ("conviction", "caution")
MAX_DESCRIPTION = 200
MAX_REFERENCE = 40


class FileRejected(ValueError):
    """The whole file cannot be read (encoding or header); the message says what to change."""


@dataclass(frozen=True)
class OffenceRow:
    line: int
    member_reference: str
    offence_date: date
    proven_date: date
    disposal: str
    offence_code: str
    description: str


@dataclass(frozen=True)
class Rejection:
    line: int
    column: str
    value: str
    reason: str


@dataclass
class ParsedOffences:
    rows: list[OffenceRow] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    read: int = 0

    @property
    def reconciles(self) -> bool:
        return self.read == len(self.rows) + len(self.rejections)


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileRejected(
            f"The file is not UTF-8 text (byte {exc.start + 1} cannot be read): "
            "save it as CSV UTF-8 and upload it again"
        ) from exc


def _check_header(header: list[str]) -> list[str]:
    names = [h.strip().lower() for h in header]
    missing = [c for c in REQUIRED if c not in names]
    unknown = [h for h in names if h not in COLUMNS]
    if missing or unknown or len(set(names)) != len(names):
        problems = []
        if missing:
            problems.append(f"missing {', '.join(missing)}")
        if unknown:
            problems.append(f"unknown {', '.join(repr(u) for u in unknown)}")
        if len(set(names)) != len(names):
            problems.append("a column is named twice")
        raise FileRejected(f"The header does not match the schema ({'; '.join(problems)}): use {', '.join(COLUMNS)}")
    return names


def _date(value: str, column: str, today: date) -> date:
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{column} must be a date written YYYY-MM-DD, for example 2024-03-31") from None
    if day > today:
        raise ValueError(f"{column} {value} is in the future")
    return day


def _row(values: dict[str, str], line: int, today: date, known_codes: Collection[str] | None) -> OffenceRow:
    """One checked row, or ``_RowError`` naming the column and the reason."""
    reference = values["member_reference"]
    if not reference or len(reference) > MAX_REFERENCE:
        raise _RowError("member_reference", f"member_reference must be 1 to {MAX_REFERENCE} characters")
    dates = {}
    for column in ("offence_date", "proven_date"):
        try:
            dates[column] = _date(values[column], column, today)
        except ValueError as exc:
            raise _RowError(column, str(exc)) from None
    if dates["proven_date"] < dates["offence_date"]:
        raise _RowError("proven_date", "proven_date is before offence_date: an offence is proven after it is committed")
    disposal = values["disposal"].lower()
    if disposal not in DISPOSALS:
        raise _RowError("disposal", f"disposal must be {' or '.join(DISPOSALS)}")
    code = values.get("offence_code", "")
    if code and (not (code.isdigit() and len(code) == 5) or (known_codes is not None and code not in known_codes)):
        raise _RowError("offence_code", "offence_code must be a Home Office offence code of 5 digits, e.g. 05911")
    description = values.get("description", "")
    if len(description) > MAX_DESCRIPTION:
        raise _RowError("description", f"description must be {MAX_DESCRIPTION} characters or fewer")
    return OffenceRow(line, reference, dates["offence_date"], dates["proven_date"], disposal, code, description)


class _RowError(Exception):
    def __init__(self, column: str, reason: str):
        super().__init__(reason)
        self.column, self.reason = column, reason


def read_proven_offences(data: bytes, *, today: date, known_codes: Collection[str] | None = None) -> ParsedOffences:
    """Check every line of the file; a line repeating an earlier one is rejected as a duplicate."""
    reader = csv.reader(io.StringIO(_decode(data), newline=""))
    header = next(reader, None)
    if not header:
        raise FileRejected(f"The file is empty: the first line must be the header {','.join(COLUMNS)}")
    names = _check_header(header)
    parsed = ParsedOffences()
    seen: dict[tuple[str, date, date, str, str], int] = {}
    for fields in reader:
        line = reader.line_num
        if not any(f.strip() for f in fields):
            continue
        parsed.read += 1
        if len(fields) != len(names):
            parsed.rejections.append(
                Rejection(line, "", ",".join(fields)[:200], f"expected {len(names)} values, found {len(fields)}")
            )
            continue
        values = {name: value.strip() for name, value in zip(names, fields, strict=True)}
        try:
            row = _row(values, line, today, known_codes)
        except _RowError as exc:
            parsed.rejections.append(Rejection(line, exc.column, values.get(exc.column, "")[:200], exc.reason))
            continue
        key = (row.member_reference, row.offence_date, row.proven_date, row.disposal, row.offence_code)
        if key in seen:
            parsed.rejections.append(Rejection(line, "", "", f"repeats line {seen[key]}"))
            continue
        seen[key] = line
        parsed.rows.append(row)
    return parsed
