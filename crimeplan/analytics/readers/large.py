"""Large police.uk files, split and validated piece by piece while they are read.

A monthly file is a few megabytes and is validated with others of its force in one
batch. A file far larger than any police.uk month (a concatenation, or garbage
after a valid header) is instead cut at line breaks into pieces of about
:data:`PIECE_BYTES`; each piece is split and checked against the rules at once, so
only accepted rows and the first ``keep`` rejected rows are held, and memory stays
bounded by what will be stored rather than by the size of the file.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from crimeplan.analytics.forces import Force
from crimeplan.analytics.lazy import lazy_module
from crimeplan.analytics.readers.policeuk import (
    REJECTS_KEPT,
    STRUCTURAL_RULES,
    Parsed,
    check_header,
    columns,
    parse,
    reject_schema,
    validate_batch,
)
from crimeplan.analytics.vocabulary import Kind

if TYPE_CHECKING:
    import polars as pl
else:
    pl = lazy_module("polars")

#: Decompressed size above which a file is read piece by piece.
LARGE_BYTES = 64 << 20
PIECE_BYTES = 4 << 20


def pieces(plain: bytes, start: int) -> list[tuple[int, int]]:
    """``(begin, end)`` of consecutive runs of whole lines after ``start``, about PIECE_BYTES each."""
    bounds = []
    begin = start
    while begin < len(plain):
        end = plain.find(b"\n", min(begin + PIECE_BYTES, len(plain)) - 1)
        end = len(plain) if end == -1 else end + 1
        bounds.append((begin, end))
        begin = end
    return bounds


def parse_large(plain: bytes, kind: Kind, month: str, force: Force | None, *, keep: int = REJECTS_KEPT) -> Parsed:
    """Split and validate a large file; the result carries its checked rows (``Parsed.checked``)."""
    start = check_header(plain, kind)
    header = plain[:start]
    accepted: list[pl.DataFrame] = []
    kept: list[pl.DataFrame] = []
    by_rule: Counter[str] = Counter()
    read = kept_rows = 0
    for begin, end in pieces(plain, start):
        piece = parse(header + plain[begin:end], kind, keep=keep)
        good, bad = validate_batch([(piece, month)], kind, force)
        by_rule.update(piece.rejected_by_rule)
        rules = bad.filter(~pl.col("rule").is_in(list(STRUCTURAL_RULES)))
        by_rule.update(dict(rules.group_by("rule").len().iter_rows()))
        shift = pl.col("source_line") + read
        accepted.append(good.drop("_file").with_columns(source_line=shift.cast(pl.Int32)))
        if kept_rows < keep:
            bad = bad.drop("_file").sort("line").head(keep - kept_rows)
            kept.append(bad.with_columns(line=pl.col("line") + read))
            kept_rows += bad.height
        read += piece.rows_read
    empty = pl.DataFrame(schema={c: pl.String for c in columns(kind)} | {"source_line": pl.Int32})
    rejects = pl.concat([pl.DataFrame(schema=reject_schema()), *kept])
    checked = (pl.concat(accepted), rejects)
    return Parsed(empty, rejects, read, False, dict(sorted(by_rule.items())), checked=checked)
