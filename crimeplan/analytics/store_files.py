"""The files of the crime store: hidden temporaries swapped in with ``os.replace``, footers, the version token.

Shared by the store's crime tables (``crimeplan.analytics.store``) and its STATS19 tables
(``crimeplan.analytics.store_stats19``); ``Store`` is the one way in.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from crimeplan.analytics.lazy import POLARS_ENGINE, lazy_module

if TYPE_CHECKING:
    import polars as pl
else:
    pl = lazy_module("polars")

META_PREFIX = "crimeplan."
DATA_FILE = "data.parquet"
#: A token rewritten whenever a partition or reference table is swapped in or deleted.
VERSION_FILE = ".version"


@dataclass
class Staged:
    """A file written under a hidden temporary name, waiting to replace ``path``."""

    tmp: Path
    path: Path
    root: Path | None = None

    def commit(self) -> Path:
        """Swap the file in (``os.replace`` is atomic); readers see old or new, never half."""
        os.replace(self.tmp, self.path)
        if self.root is not None:
            bump_version(self.root)
        return self.path

    def discard(self) -> None:
        self.tmp.unlink(missing_ok=True)


def stage(path: Path, frame: pl.DataFrame, metadata: dict[str, str]) -> Staged:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}-{uuid.uuid4().hex}.tmp")
    try:
        frame.write_parquet(tmp, compression="snappy", statistics=False, row_group_size=100_000, metadata=metadata)
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return Staged(tmp=tmp, path=path)


def bump_version(root: Path) -> str:
    """Write a new store version token (atomically), so caches keyed by the old one stop matching."""
    token = f"{time.time_ns()}-{uuid.uuid4().hex[:12]}"
    tmp = root / f".{VERSION_FILE}.{os.getpid()}-{uuid.uuid4().hex}.tmp"
    tmp.write_text(token, encoding="utf-8")
    os.replace(tmp, root / VERSION_FILE)
    return token


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_temporaries(root: Path) -> int:
    """Delete temporary files whose writing process has died (a killed import)."""
    removed = 0
    for tmp in root.rglob(".*.tmp"):
        pid = tmp.name.rsplit(".", 2)[-2].split("-", 1)[0]
        if not pid.isdigit() or not _pid_alive(int(pid)):
            tmp.unlink(missing_ok=True)
            removed += 1
    return removed


def literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def empty_select(columns: Mapping[str, str]) -> str:
    """A SELECT with the given typed columns and no rows (for views over absent data)."""
    typed = ", ".join(f"CAST(NULL AS {t}) AS {c}" for c, t in columns.items())
    return f"SELECT {typed} WHERE false"


def footer(path: Path) -> tuple[int, dict[str, str]]:
    """The file's row count and crimeplan's metadata, read from the Parquet footer only.

    Read with Polars, which an import has loaded already (pyarrow would cost a command its import).
    """
    meta = {
        key[len(META_PREFIX) :]: value
        for key, value in pl.read_parquet_metadata(path).items()
        if key.startswith(META_PREFIX)
    }
    rows = pl.scan_parquet(path).select(pl.len()).collect(engine=POLARS_ENGINE).item()
    return int(rows), meta
