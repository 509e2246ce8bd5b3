"""The police.uk import pipeline: read, validate, attribute, stage, commit.

``prepare_all`` does everything except the final swap of each partition, so a
caller (the Django importer) can record each result in its database and
commit the partition in the same step. ``ingest`` is the whole pipeline for
library users without a database.

How it is fast on two cores: files are decompressed and split into rows on a
thread pool (the gzip reader and Polars release the GIL); consecutive files of
one kind and force are then validated and attributed as one batch, because for
monthly files of ~20,000 rows Polars' per-call overheads cost more than the
work itself; partitions are written back on the pool.
"""

from __future__ import annotations

import json
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from crimeplan.analytics.forces import Force, get_force
from crimeplan.analytics.geography import Attributor
from crimeplan.analytics.lazy import lazy_module
from crimeplan.analytics.readers.large import LARGE_BYTES, parse_large
from crimeplan.analytics.readers.policeuk import (
    REJECTS_KEPT,
    STRUCTURAL_RULES,
    FileName,
    Parsed,
    Skipped,
    Source,
    UnreadableFile,
    decompress,
    iter_sources,
    parse,
    reject_schema,
    sha256,
    validate_batch,
)
from crimeplan.analytics.store import Staged, Store

if TYPE_CHECKING:
    import polars as pl
else:
    pl = lazy_module("polars")

#: Rows of one kind and force validated and attributed together. Measured on the shipped and shared
#: months (docs/benchmarks.md): 100,000 costs less CPU than 400,000 (fewer page faults: half the peak
#: memory) and no more than 50,000 to 200,000 in Polars' per-call overhead.
BATCH_ROWS = 100_000


@dataclass
class FileResult:
    """The outcome of importing one file. ``rows_read == rows_stored + rows_rejected``."""

    source: str
    kind: str
    force: str
    month: str
    status: str  # "stored", "unchanged", "refused" (nothing to store) or "failed" (unreadable)
    sha256: str = ""
    rows_read: int = 0
    rows_stored: int = 0
    rows_rejected: int = 0
    rows_duplicate: int = 0
    rejected_by_rule: dict[str, int] = field(default_factory=dict)
    unattributed: int = 0
    unattributed_by_reason: dict[str, int] = field(default_factory=dict)
    duration_s: float = 0.0
    error: str = ""
    rejects: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=reject_schema()))
    staged: Staged | None = None

    @property
    def reconciles(self) -> bool:
        return self.rows_read == self.rows_stored + self.rows_rejected

    def metadata(self, geography: str) -> dict[str, str]:
        """What is written into the partition file's footer."""
        return {
            "source": self.source.rsplit("/", 1)[-1],
            "sha256": self.sha256,
            "rows_read": str(self.rows_read),
            "rows_rejected": str(self.rows_rejected),
            "rows_duplicate": str(self.rows_duplicate),
            "rejected_by_rule": json.dumps(self.rejected_by_rule),
            "unattributed": str(self.unattributed),
            "unattributed_by_reason": json.dumps(self.unattributed_by_reason),
            "geography": geography,
        }


@dataclass
class _Read:
    """A file after the threaded first stage: parsed, or already final."""

    source: Source
    result: FileResult
    force: Force | None = None
    parsed: Parsed | None = None
    started: float = 0.0


def _result_for(source: Source) -> FileResult:
    name = source.file_name
    return FileResult(source.name, name.kind.value, name.force, name.month, status="failed")


def _unchanged(store: Store, result: FileResult, source: Source, geography: str) -> bool:
    """Fill ``result`` from the stored partition if it came from this very file."""
    name = source.file_name
    stored = store.partition(name.kind, name.force, name.month)
    if stored is None:
        return False
    meta = stored.metadata
    if meta.get("sha256") != result.sha256 or meta.get("geography") != geography:
        return False
    result.status = "unchanged"
    fill_from_footer(result, meta, stored.rows)
    return True


def fill_from_footer(result: FileResult, meta: Mapping[str, str], rows: int) -> None:
    """Counts of ``result`` from a partition's footer (written by :meth:`FileResult.metadata`)."""
    result.rows_rejected = int(meta.get("rows_rejected", 0))
    result.rows_stored = rows
    result.rows_read = result.rows_stored + result.rows_rejected
    result.rows_duplicate = int(meta.get("rows_duplicate", 0))
    result.rejected_by_rule = json.loads(meta.get("rejected_by_rule", "{}"))
    result.unattributed = int(meta.get("unattributed", 0))
    result.unattributed_by_reason = json.loads(meta.get("unattributed_by_reason", "{}"))


def _read(source: Source, store: Store, geography: str, reimport: bool) -> _Read:
    started = time.perf_counter()
    read = _Read(source, _result_for(source), started=started)
    try:
        read.force = get_force(source.file_name.force)
        raw = source.load()
        read.result.sha256 = sha256(raw)
        if reimport or not _unchanged(store, read.result, source, geography):
            read.parsed = _parse(decompress(raw), source.file_name, read.force)
    except (UnreadableFile, ValueError, OSError) as exc:
        read.result.error = str(exc)
    read.result.duration_s = time.perf_counter() - started
    return read


def _parse(plain: bytes, name: FileName, force: Force) -> Parsed:
    if len(plain) > LARGE_BYTES:
        return parse_large(plain, name.kind, name.month, force)
    return parse(plain, name.kind)


def _counts(frame: pl.DataFrame, column: str) -> dict[int, dict[str, int]]:
    """``{file index: {value: rows}}`` for a batch frame with a ``_file`` column."""
    counts: dict[int, dict[str, int]] = {}
    for index, value, n in frame.group_by("_file", column).len().sort(column).iter_rows():
        counts.setdefault(index, {})[value] = n
    return counts


def _finish_batch(
    batch: list[_Read], store: Store, attributor: Attributor, pool: ThreadPoolExecutor
) -> list[FileResult]:
    started = time.perf_counter()
    first = batch[0].source.file_name
    files = [(r.parsed, r.source.file_name.month) for r in batch if r.parsed is not None]
    accepted, rejects = validate_batch(files, first.kind, batch[0].force)
    stored = attributor.attribute(accepted)
    by_file = stored.partition_by("_file", as_dict=True, include_key=False)
    rules = _counts(rejects.filter(~pl.col("rule").is_in(list(STRUCTURAL_RULES))), "rule")
    kept = rejects.sort("_file", "line").group_by("_file", maintain_order=True).head(REJECTS_KEPT)
    rejects_by_file = kept.partition_by("_file", as_dict=True, include_key=False)
    reasons = _counts(stored.filter(pl.col("csp_code").is_null()), "attribution")
    repeats = duplicates(stored)
    share = (time.perf_counter() - started) / max(len(batch), 1)
    staging: list[tuple[FileResult, Future[Staged] | None]] = []
    for index, read in enumerate(batch):
        assert read.parsed is not None
        result, name = read.result, read.source.file_name
        frame = by_file.get((index,), stored.clear().drop("_file"))
        result.rejects = rejects_by_file.get((index,), pl.DataFrame(schema=reject_schema()))
        counted = {} if read.parsed.checked is not None else rules.get(index, {})  # it counted its own
        _fill(result, read.parsed, frame.height, counted, reasons.get(index, {}))
        result.rows_duplicate = repeats.get(index, 0)
        result.duration_s += share
        if frame.height == 0:
            result.status, result.error = "refused", refusal(result, name)
            staging.append((result, None))
            continue
        meta = result.metadata(attributor.version)
        staging.append((result, pool.submit(store.stage_partition, name.kind, name.force, name.month, frame, meta)))
    for result, future in staging:
        result.staged = future.result() if future is not None else None
    return [r for r, _ in staging]


def _fill(result: FileResult, parsed: Parsed, stored: int, rules: dict[str, int], reasons: dict[str, int]) -> None:
    """The counts of a validated file: every rejected row counted by rule, kept or not."""
    by_rule = Counter(parsed.rejected_by_rule)
    by_rule.update(rules)
    result.rows_read = parsed.rows_read
    result.rows_stored = stored
    result.rejected_by_rule = dict(sorted(by_rule.items()))
    result.rows_rejected = sum(by_rule.values())
    result.unattributed_by_reason = reasons
    result.unattributed = sum(reasons.values())
    result.status = "stored"


def duplicates(stored: pl.DataFrame) -> dict[int, int]:
    """``{file index: rows that repeat an earlier row of the file exactly}`` (all columns but the line).

    Rows are compared by a 64-bit hash of their values: at police.uk's sizes a
    collision is vanishingly unlikely, and hashing is far cheaper than grouping
    by every column.
    """
    if stored.is_empty():
        return {}
    hashes = stored.drop("source_line", "_file").hash_rows(seed=0)
    keyed = pl.DataFrame({"_file": stored.get_column("_file"), "h": hashes})
    counts = keyed.group_by("_file").agg((pl.len() - pl.col("h").n_unique()).alias("n"))
    return {int(i): int(n) for i, n in counts.iter_rows() if n}


#: Rules by which a row disagrees with its file's name (month, or force).
MONTH_RULES = frozenset({"month_matches_file", "search_date"})
FORCE_RULES = frozenset({"falls_within"})


def refusal(result: FileResult, name: FileName) -> str:
    """Why a file that would store nothing is refused, in words a person can act on."""
    rules = set(result.rejected_by_rule)
    if result.rows_read == 0:
        why = "it has a header but no rows"
    elif rules <= MONTH_RULES:
        why = f"its name says {name.month} but its rows say {_said(result, MONTH_RULES, 7)}"
    elif rules <= FORCE_RULES:
        why = f"its name says force {name.force} but its rows say {_said(result, FORCE_RULES, 60)}"
    elif rules <= MONTH_RULES | FORCE_RULES:
        why = f"its name says {name.month} and force {name.force} but none of its rows agree"
    else:
        counts = ", ".join(f"{rule} {n:,}" for rule, n in result.rejected_by_rule.items())
        why = f"every one of its {result.rows_read:,} rows was rejected ({counts})"
    return f"refused: {why}; nothing was stored, so the store keeps what it had for {name.month}"


def _said(result: FileResult, rules: frozenset[str], width: int) -> str:
    """The most common values (up to three) the kept rejected rows give for the rules."""
    values = result.rejects.filter(pl.col("rule").is_in(sorted(rules))).get_column("value").str.slice(0, width)
    common = values.value_counts(sort=True).head(3).get_column("value").to_list()
    more = " and others" if values.n_unique() > len(common) else ""
    return ", ".join(str(v) for v in common) + more


def prepare_all(
    sources: Iterable[Source | Skipped],
    store: Store,
    attributor: Attributor,
    *,
    reimport: bool = False,
    workers: int = 3,
    batch_rows: int = BATCH_ROWS,
) -> Iterator[FileResult | Skipped]:
    """Prepare every source; yields ``Skipped`` first, then results by kind, force and month."""
    listed = list(sources)
    yield from (s for s in listed if isinstance(s, Skipped))
    ordered = sorted(
        (s for s in listed if isinstance(s, Source)),
        key=lambda s: (s.file_name.kind.value, s.file_name.force, s.file_name.month),
    )
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="crimeplan-import") as pool:
        pending: deque[Future[_Read]] = deque()
        batch: list[_Read] = []
        for source in ordered:
            pending.append(pool.submit(_read, source, store, attributor.version, reimport))
            while len(pending) > workers * 2:
                yield from _take(pending.popleft().result(), batch, store, attributor, pool, batch_rows)
        while pending:
            yield from _take(pending.popleft().result(), batch, store, attributor, pool, batch_rows)
        if batch:
            yield from _finish_batch(batch, store, attributor, pool)
            batch.clear()


def _take(
    read: _Read,
    batch: list[_Read],
    store: Store,
    attributor: Attributor,
    pool: ThreadPoolExecutor,
    batch_rows: int,
) -> Iterator[FileResult]:
    """Add a read file to the batch, flushing the batch when it is full or changes kind/force."""
    if read.parsed is None:
        yield read.result
        return
    if batch and _key(batch[0]) != _key(read):
        yield from _finish_batch(batch, store, attributor, pool)
        batch.clear()
    batch.append(read)
    if sum(r.parsed.rows_read for r in batch if r.parsed) >= batch_rows:
        yield from _finish_batch(batch, store, attributor, pool)
        batch.clear()


def _key(read: _Read) -> tuple[str, str]:
    name = read.source.file_name
    return name.kind.value, name.force


def ingest(
    paths: Iterable[str | Path],
    store: Store,
    *,
    force: str | None = None,
    reimport: bool = False,
    on_result: Callable[[FileResult | Skipped], None] | None = None,
) -> list[FileResult | Skipped]:
    """Import police.uk files into the store, committing each file as it is ready."""
    attributor = Attributor.from_store(store)
    results = []
    for item in prepare_all(iter_sources(paths, force=force), store, attributor, reimport=reimport):
        if isinstance(item, FileResult) and item.staged is not None:
            item.staged.commit()
        if on_result:
            on_result(item)
        results.append(item)
    return results
