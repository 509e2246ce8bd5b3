"""Benchmark: peak memory of ``crimeplan import police`` on a file of garbage after a valid header.

Two 200 MB files, each a real police.uk street header followed by:

* random bytes (most lines are not UTF-8; split line by line);
* random text lines with the header's eleven commas (every line splits into fields, so the
  whole file goes through Polars' reader and the rules, and every row is rejected).

Each is imported by a child ``crimeplan import police`` process into a fresh data folder; the
child's peak resident memory (``ru_maxrss`` from ``os.wait4``) is reported with the database
growth and what the run recorded. Target: under 500 MB peak; the command exits non-zero
(the file is refused) and keeps at most 1,000 rejected rows.

Run with ``make bench`` or ``python -m bench.import_memory``.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
from rich.console import Console
from rich.table import Table

from bench._common import ROOT, scratch

PYTHON = sys.executable
CRIMEPLAN = str(Path(PYTHON).with_name("crimeplan"))
SIZE = 200 * 1024 * 1024
HEADER = (
    b"Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,"
    b"Last outcome category,Context\r\n"
)


def random_bytes(path: Path, rng: np.random.Generator) -> None:
    with open(path, "wb") as out:
        out.write(HEADER)
        for _ in range(SIZE // (1 << 22)):
            out.write(rng.integers(0, 256, 1 << 22, dtype=np.uint8).tobytes())


def comma_lines(path: Path, rng: np.random.Generator) -> None:
    """Lines of 12 random lower-case fields (1-12 letters each), 11 commas per line."""
    block_lines = 40_000
    with open(path, "wb") as out:
        out.write(HEADER)
        written = 0
        while written < SIZE:
            letters = rng.integers(97, 123, (block_lines, 12, 12), dtype=np.uint8)
            lengths = rng.integers(1, 13, (block_lines, 12))
            lines = [b",".join(bytes(letters[i, j, : lengths[i, j]]) for j in range(12)) for i in range(block_lines)]
            chunk = b"\r\n".join(lines) + b"\r\n"
            out.write(chunk)
            written += len(chunk)


def import_child(data: Path, path: Path) -> tuple[int, float, float, float]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(CRIMEPLAN_DATA_DIR=str(data), CRIMEPLAN_SECRET_KEY="benchmark-only")
    subprocess.run([CRIMEPLAN, "migrate", "--no-input", "-v", "0"], env=env, check=True)
    started = time.perf_counter()
    proc = subprocess.Popen([CRIMEPLAN, "import", "police", str(path)], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)  # fmt: skip
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    return os.waitstatus_to_exitcode(status), usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime, wall


def recorded(data: Path) -> tuple[str, int, int, int, int]:
    db = next(data.glob("*.sqlite3"))
    with sqlite3.connect(db) as conn:
        status, read, rejected = conn.execute(
            "SELECT status, rows_read, rows_rejected FROM crimedata_importrun ORDER BY id DESC LIMIT 1"
        ).fetchone()
        kept = conn.execute("SELECT count(*) FROM crimedata_rejectedrow").fetchone()[0]
    return status, read, rejected, kept, db.stat().st_size


def main() -> None:
    console = Console(width=140)
    folder = scratch("memory")
    rng = np.random.default_rng(20261202)
    table = Table(title=f"Import of a {SIZE // 2**20} MB garbage file (target: peak < 500 MB)", title_justify="left")
    for column in ("garbage", "exit", "peak MB", "CPU s", "wall s", "status", "read", "rejected", "kept", "DB MB"):
        table.add_column(column, justify="left" if column in ("garbage", "status") else "right")
    for name, make in (("random bytes", random_bytes), ("text lines, 11 commas", comma_lines)):
        path = folder / name.split()[0] / "2022-05-lancashire-street.csv"
        path.parent.mkdir()
        make(path, rng)
        data = folder / f"{name.split()[0]}-data"
        data.mkdir()
        code, peak, cpu, wall = import_child(data, path)
        status, read, rejected, kept, db_size = recorded(data)
        table.add_row(name, str(code), f"{peak:.0f}", f"{cpu:.1f}", f"{wall:.1f}", status, f"{read:,}",
                      f"{rejected:,}", f"{kept:,}", f"{db_size / 2**20:.1f}")  # fmt: skip
        path.unlink()
    console.print(table)
    console.print(f"(data in {folder}; shipped code at {ROOT})")


if __name__ == "__main__":
    main()
