"""Splitting a police.uk file line by line, for files the fast reader cannot vouch for.

Lines are taken one at a time from the bytes (no copy of the file), accepted rows
are gathered into compact frames every 50,000 rows, and only the first ``keep``
bad lines are kept with their reasons (all are counted by rule), so memory stays
bounded by the accepted rows however much of a file is garbage.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING

from crimeplan.analytics.lazy import lazy_module

if TYPE_CHECKING:
    import polars as pl
else:
    pl = lazy_module("polars")

SHOWN = 200  # characters of a bad line kept as its value
Reject = tuple[int, str, str, str]  # line, rule, value, message


def _lines(plain: bytes, start: int) -> Iterator[bytes]:
    """The lines after ``start`` without their line breaks, one at a time (no copy of the file).

    A last line that is empty (the file ends in a line break) is not a line.
    """
    buffer = io.BytesIO(plain)  # shares the bytes until written to
    buffer.seek(start)
    previous: bytes | None = None
    for line in buffer:
        if previous is not None:
            yield previous.removesuffix(b"\r")
        previous = line.removesuffix(b"\n")
    if previous is not None and previous not in (b"", b"\r"):
        yield previous.removesuffix(b"\r")


def _split_line(line: bytes, width: int) -> tuple[list[str | None], None] | tuple[None, tuple[str, str, str]]:
    """The fields of a line, or why it has none: ``(rule, value, message)``."""
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as exc:
        shown = line[: SHOWN * 4].decode("utf-8", "backslashreplace")[:SHOWN]
        return None, ("encoding", shown, f"bytes that are not UTF-8 at position {exc.start}")
    try:
        fields = next(csv.reader([text]), [])
    except csv.Error as exc:
        return None, ("column_count", text[:SHOWN], f"the line cannot be split into fields ({exc})")
    if len(fields) != width:
        return None, ("column_count", text[:SHOWN], f"{len(fields)} fields where the header has {width}")
    return [f or None for f in fields], None


_FRAME_ROWS = 50_000  # rows gathered as Python lists before they become a compact frame


def split_lines(
    plain: bytes, start: int, columns: list[str], *, keep: int
) -> tuple[pl.DataFrame, list[Reject], int, dict[str, int]]:
    """Rows (all strings, with ``source_line``), the kept bad lines, lines read, and bad lines by rule."""
    schema = {c: pl.String for c in columns}
    frames: list[pl.DataFrame] = []
    rows: list[list[str | None]] = []
    numbers: list[int] = []
    rejects: list[Reject] = []
    by_rule: Counter[str] = Counter()
    read = 0

    def flush() -> None:
        frame = pl.DataFrame(rows, schema=schema, orient="row")
        frames.append(frame.with_columns(source_line=pl.Series(numbers, dtype=pl.Int32)))
        rows.clear()
        numbers.clear()

    for read, line in enumerate(_lines(plain, start), start=1):
        fields, why = _split_line(line, len(columns))
        if fields is None:
            assert why is not None
            by_rule[why[0]] += 1
            if len(rejects) < keep:
                rejects.append((read + 1, *why))
            continue
        rows.append(fields)
        numbers.append(read + 1)
        if len(rows) >= _FRAME_ROWS:
            flush()
    flush()
    return pl.concat(frames), rejects, read, dict(sorted(by_rule.items()))
