"""Streaming readers for data.police.uk monthly files.

A file is named ``YYYY-MM-<force>-<kind>.csv`` (optionally ``.gz``), where kind
is ``street``, ``outcomes`` or ``stop-and-search``; the monthly archive is a
zip of ``YYYY-MM/`` folders holding such files. Kind, force and month come
from the name and are checked against the contents.

Reading a file gives every row an outcome: accepted (typed, in the store's
column names, with the line it came from) or rejected (with line, rule, value
and message). ``rows_read == len(accepted) + len(rejected)`` always holds.

Parsing takes a fast path through Polars' CSV reader and checks that it saw
one row per line with the right number of fields; if the file has a line it
cannot vouch for (bad UTF-8, a wrong field count, a blank line), the file is
split line by line instead so that each bad line is named.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import re
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from isal import igzip

from crimeplan.analytics.forces import Force
from crimeplan.analytics.lazy import POLARS_ENGINE, lazy_module
from crimeplan.analytics.readers.lines import split_lines
from crimeplan.analytics.readers.rules import (
    SEARCH_FLAGS,
    RuleContext,
    distinct_values,
    parse_search_date,
    rules_for,
    split_rows,
)
from crimeplan.analytics.vocabulary import HEADERS, Kind, snake

if TYPE_CHECKING:
    import polars as pl
else:
    pl = lazy_module("polars")

FILE_NAME = re.compile(
    r"^(?P<month>\d{4}-\d{2})-(?P<force>[a-z0-9]+(?:-[a-z0-9]+)*?)-"
    r"(?P<kind>street|outcomes|stop-and-search)\.csv(?:\.gz)?$"
)

CSV_SUFFIXES = (".csv", ".csv.gz")


def reject_schema() -> dict[str, pl.DataType]:
    """The columns of a file's rejected rows (a function, so that Polars is imported on first use)."""
    return {"line": pl.Int64(), "rule": pl.String(), "value": pl.String(), "message": pl.String()}


_SHOWN = 200  # characters of a bad line kept as its value
#: Rejected rows kept (with line, rule, value and message) per file; the rest are counted by rule.
REJECTS_KEPT = 1_000
#: Rules about a line's shape, checked while the file is split (before any column rule).
STRUCTURAL_RULES = ("header", "encoding", "column_count")


def columns(kind: Kind) -> list[str]:
    """The store's column names for a kind's CSV header, in file order."""
    return [snake(h) for h in HEADERS[kind]]


class UnreadableFile(Exception):
    """The file as a whole cannot be read; the message says why."""


@dataclass(frozen=True)
class FileName:
    month: str
    force: str
    kind: Kind


def parse_file_name(name: str) -> FileName:
    """Kind, force and month from a police.uk file name; ``ValueError`` explains a bad name."""
    base = name.rsplit("/", 1)[-1]
    match = FILE_NAME.match(base)
    if not match:
        raise ValueError(
            f"{base!r} is not a police.uk file name: expected YYYY-MM-<force>-<kind>.csv "
            "(or .csv.gz) with kind street, outcomes or stop-and-search"
        )
    month = match["month"]
    if not 1 <= int(month[5:]) <= 12:
        raise ValueError(f"{base!r} names month {month}, which does not exist")
    return FileName(month=month, force=match["force"], kind=Kind(match["kind"]))


@dataclass(frozen=True)
class Source:
    """One police.uk CSV to read: a file on disk or a member of an archive."""

    name: str
    file_name: FileName
    load: Callable[[], bytes]


@dataclass(frozen=True)
class Skipped:
    """Something given to the importer that is not imported, and why."""

    name: str
    reason: str
    fatal: bool


def iter_sources(paths: Iterable[str | Path], *, force: str | None = None) -> Iterator[Source | Skipped]:
    """Every police.uk CSV under the given files, folders and monthly archives.

    Paths that do not exist or cannot be opened are ``Skipped`` with
    ``fatal=True``; files that are not police.uk CSVs, and files of other
    forces when ``force`` is given, are ``Skipped`` with ``fatal=False``.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                yield from _file_sources(child, force, in_folder=True)
        elif path.is_file():
            yield from _file_sources(path, force, in_folder=False)
        else:
            yield Skipped(str(path), "no such file or folder", fatal=True)


def _file_sources(path: Path, force: str | None, *, in_folder: bool) -> Iterator[Source | Skipped]:
    if path.name.endswith(".zip"):
        yield from _archive_sources(path, force)
    elif path.name.endswith(CSV_SUFFIXES):
        yield from _named_source(str(path), force, path.read_bytes, fatal=not in_folder)
    else:
        reason = "not a .csv, .csv.gz or .zip file"
        yield Skipped(str(path), reason, fatal=not in_folder)


def _named_source(
    name: str, force: str | None, load: Callable[[], bytes], *, fatal: bool
) -> Iterator[Source | Skipped]:
    try:
        file_name = parse_file_name(name)
    except ValueError as exc:
        yield Skipped(name, str(exc), fatal=fatal)
        return
    if force and file_name.force != force:
        yield Skipped(name, f"belongs to force {file_name.force}, not {force}", fatal=False)
        return
    yield Source(name=name, file_name=file_name, load=load)


def _archive_sources(path: Path, force: str | None) -> Iterator[Source | Skipped]:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        yield Skipped(str(path), f"not a readable zip archive ({exc})", fatal=True)
        return
    with archive:
        members = sorted(i.filename for i in archive.infolist() if not i.is_dir())
    for member in members:
        name = f"{path}!{member}"
        if not member.endswith(CSV_SUFFIXES):
            yield Skipped(name, "not a .csv file", fatal=False)
            continue
        yield from _named_source(name, force, _member_loader(path, member), fatal=False)


def _member_loader(path: Path, member: str) -> Callable[[], bytes]:
    def load() -> bytes:
        with zipfile.ZipFile(path) as archive:
            return archive.read(member)

    return load


# -- bytes to rows ---------------------------------------------------------------
def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def decompress(data: bytes) -> bytes:
    """Gunzip if the bytes are gzip (by magic number), else return them unchanged."""
    if data[:2] != b"\x1f\x8b":
        return data
    try:
        return bytes(igzip.decompress(data))  # type: ignore[no-untyped-call]
    except (OSError, EOFError, zlib.error, gzip.BadGzipFile) as exc:
        raise UnreadableFile(f"the gzip data is damaged ({exc})") from exc


@dataclass
class Parsed:
    """Rows split from a file: all columns are strings; blank fields are null.

    ``rejects`` holds at most :data:`REJECTS_KEPT` of the lines that could not be
    split; ``rejected_by_rule`` counts all of them, so that
    ``rows_read == frame.height + sum(rejected_by_rule.values())``.
    ``checked`` holds, for a large file validated piece by piece while it was read
    (:mod:`.large`), its accepted rows in stored types and its kept rejected rows;
    ``rejected_by_rule`` then counts every rejection, structural or by rule.
    """

    frame: pl.DataFrame
    rejects: pl.DataFrame
    rows_read: int
    fast_path: bool
    rejected_by_rule: dict[str, int] = field(default_factory=dict)
    checked: tuple[pl.DataFrame, pl.DataFrame] | None = None


def check_header(plain: bytes, kind: Kind) -> int:
    """Check the header line against the kind's; return where the body starts."""
    start = 3 if plain.startswith(b"\xef\xbb\xbf") else 0
    end = plain.find(b"\n", start)
    end = len(plain) if end == -1 else end
    if _blank_from(plain, start):
        raise UnreadableFile("the file is empty")
    try:
        found = next(csv.reader([plain[start:end].rstrip(b"\r").decode("utf-8")]))
    except (UnicodeDecodeError, csv.Error) as exc:
        raise UnreadableFile(f"the header line cannot be read ({exc})") from exc
    expected = list(HEADERS[kind])
    if found != expected:
        raise UnreadableFile(
            f"the header does not match a police.uk {kind} file: expected "
            f"{','.join(expected)!r}, found {','.join(found)[:_SHOWN]!r}"
        )
    return end + 1


def parse(plain: bytes, kind: Kind, *, keep: int = REJECTS_KEPT) -> Parsed:
    """Split a decompressed file into rows, refusing it if the header is wrong.

    At most ``keep`` unsplittable lines are kept with their reasons (all are counted).
    """
    start = check_header(plain, kind)
    names = columns(kind)
    if _blank_from(plain, start):
        empty = pl.DataFrame(schema={c: pl.String for c in names} | {"source_line": pl.Int32})
        return Parsed(empty, pl.DataFrame(schema=reject_schema()), 0, True)
    return _parse_fast(plain, start, names) or _parse_slow(plain, start, names, keep=keep)


def _blank_from(plain: bytes, start: int) -> bool:
    """Whether nothing but line breaks follows ``start`` (cheap for the usual long body)."""
    return not plain[start : start + 64].strip(b"\r\n") and not plain[start:].strip(b"\r\n")


_CHUNK = 1 << 23  # bytes compared at a time, so that counting never copies a whole file


def _count(plain: bytes, start: int, byte: int) -> int:
    """Occurrences of one byte after ``start`` (numpy, in chunks: about 3x ``bytes.count``)."""
    view = np.frombuffer(plain, np.uint8, offset=start)
    return sum(int(np.count_nonzero(view[i : i + _CHUNK] == byte)) for i in range(0, len(view), _CHUNK))


def _line_count(plain: bytes, start: int) -> int:
    return _count(plain, start, 0x0A) + (0 if plain.endswith(b"\n") else 1)


def _parse_fast(plain: bytes, start: int, columns: list[str]) -> Parsed | None:
    """Polars' reader, for a file whose every line can be vouched for (checked first, cheaply)."""
    lines = _line_count(plain, start)
    if not _field_counts_ok(plain, start, len(columns), lines):
        return None
    try:
        frame = pl.read_csv(
            plain,
            skip_lines=1,
            has_header=False,
            new_columns=columns,
            schema={c: pl.String for c in columns},
            raise_if_empty=False,
        )
    except pl.exceptions.PolarsError:
        return None
    if frame.height != lines:
        return None
    frame = frame.with_columns(source_line=pl.int_range(2, lines + 2, dtype=pl.Int32))
    return Parsed(frame, pl.DataFrame(schema=reject_schema()), lines, True)


def _field_counts_ok(plain: bytes, start: int, width: int, lines: int) -> bool:
    """Whether every line has ``width`` fields (Polars refuses longer lines too).

    Without quotes, the file's comma count settles it. Lines with quotes (rare:
    "On or near Asda, Thurmaston") are found one by one and parsed as CSV.
    """
    commas = _count(plain, start, 0x2C)
    quoted = 0
    pos = plain.find(b'"', start)
    while pos != -1:
        begin = plain.rfind(b"\n", start, pos) + 1 or start
        end = plain.find(b"\n", pos)
        end = len(plain) if end == -1 else end
        line = plain[begin:end]
        try:
            fields = next(csv.reader([line.rstrip(b"\r").decode("utf-8")]))
        except (UnicodeDecodeError, csv.Error):
            return False
        if len(fields) != width:
            return False
        commas -= line.count(b",")
        quoted += 1
        pos = plain.find(b'"', end)
    return commas == (width - 1) * (lines - quoted)


def _parse_slow(plain: bytes, start: int, columns: list[str], *, keep: int = REJECTS_KEPT) -> Parsed:
    """Split line by line, naming each bad line (see :func:`.lines.split_lines`)."""
    frame, rejects, read, by_rule = split_lines(plain, start, columns, keep=keep)
    return Parsed(frame, pl.DataFrame(rejects, schema=reject_schema(), orient="row"), read, False, by_rule)


# -- rows to typed, validated rows ------------------------------------------------
@dataclass
class Validated:
    """Accepted rows in stored types, and every rejected row with its reason."""

    accepted: pl.DataFrame
    rejects: pl.DataFrame
    rows_read: int


def validate_batch(
    files: Sequence[tuple[Parsed, str]], kind: Kind, force: Force | None
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Validate several files of one kind and force at once.

    ``files`` pairs each parsed file with the month its name gives. Returns the
    accepted rows (stored types) and the rejects (structural and by rule), both
    with a ``_file`` column holding the file's position in ``files``. Working
    on a batch instead of file by file saves Polars' per-call overheads, which
    dominate for police.uk's small monthly files.
    """
    # Each row's file and month, built once for the batch (a column per file cost more than the batch's rules).
    frames = [parsed.frame for parsed, _ in files]
    file_index = pl.Series("_file", np.repeat(np.arange(len(frames), dtype=np.uint32), [f.height for f in frames]))
    months = pl.Series([month for _, month in files], dtype=pl.String)
    rows = pl.concat(frames, rechunk=False).with_columns(file_index, _month=months.gather(file_index))
    rules = rules_for(kind)
    ctx = RuleContext(kind, pl.col("_month"), force, distinct_values(rows, rules))
    accepted_rows, rejected_rows = split_rows(rows.lazy(), rules, ctx)
    accepted, rejected = pl.collect_all(
        [
            to_stored_types(accepted_rows.drop("_month"), kind),
            rejected_rows.select(
                pl.col("source_line").cast(pl.Int64).alias("line"), "rule", "value", "message", "_file"
            ),
        ],
        engine=POLARS_ENGINE,
    )
    structural = [
        parsed.rejects.with_columns(_file=pl.lit(i, pl.UInt32))
        for i, (parsed, _) in enumerate(files)
        if parsed.rejects.height
    ]
    checked = [
        parsed.checked[0].with_columns(_file=pl.lit(i, pl.UInt32))
        for i, (parsed, _) in enumerate(files)
        if parsed.checked is not None
    ]
    return pl.concat([accepted, *checked]), pl.concat([*structural, rejected])


def validate(parsed: Parsed, kind: Kind, month: str, force: Force | None) -> Validated:
    """Apply the kind's rules to one file; convert accepted rows to the stored types."""
    accepted, rejects = validate_batch([(parsed, month)], kind, force)
    return Validated(accepted.drop("_file"), rejects.drop("_file").sort("line"), parsed.rows_read)


def to_stored_types(frame: pl.LazyFrame, kind: Kind) -> pl.LazyFrame:
    """Coordinates to floats, search dates and yes/no columns to their types."""
    typed = frame.with_columns(pl.col("longitude").cast(pl.Float64), pl.col("latitude").cast(pl.Float64))
    if kind is Kind.STOP_SEARCH:
        flags = {"True": True, "False": False}
        typed = typed.with_columns(
            parse_search_date(pl.col("date")).alias("date"),
            *[pl.col(c).replace_strict(flags, default=None, return_dtype=pl.Boolean) for c in SEARCH_FLAGS],
        )
    return typed.drop("month", strict=False)
