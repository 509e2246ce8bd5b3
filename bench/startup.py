"""Benchmark: what a ``crimeplan`` command costs as a whole process, against its floor, in one run.

Two ratios, each against a baseline measured in the same run on the same machine:

* ``crimeplan query "SELECT 1"`` (wall clock of the whole process, median of several runs)
  against ``python -c "import duckdb; duckdb.sql('SELECT 1')"``. Target: at most 5×.
* ``crimeplan import police`` of the shipped months (``data/crime``, widened with the shared
  pack's ``crime`` folder when it is there): CPU of the child process (user + sys) against
  pandas ``read_csv`` + ``to_parquet`` of the same files, also as a whole child process.
  Target: at most 1×.

Each child's CPU and peak memory come from ``os.wait4``. Run with ``make bench`` or
``python -m bench.startup``.
"""

from __future__ import annotations

import compileall
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table

from bench._common import ROOT, SHARED, scratch

PYTHON = sys.executable
CRIMEPLAN = str(Path(PYTHON).with_name("crimeplan"))
QUERY_RUNS = 7
IMPORT_RUNS = 5

PANDAS = """
import sys
from pathlib import Path
import pandas as pd
out = Path(sys.argv[1])
for i, name in enumerate(sys.argv[2:]):
    pd.read_csv(name, dtype=str, keep_default_na=False).to_parquet(out / f"{i}.parquet", index=False)
"""


@dataclass
class Child:
    wall_s: float
    cpu_s: float
    peak_mb: float
    returncode: int


def run_child(args: list[str], env: dict[str, str] | None = None) -> Child:
    """Run a process to the end; its wall clock, CPU (user + sys) and peak resident memory."""
    started = time.perf_counter()
    proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    proc.returncode = code
    if code != 0:
        assert proc.stderr is not None
        raise RuntimeError(f"{' '.join(args[:3])} failed ({code}): {proc.stderr.read().decode()[-2000:]}")
    return Child(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, code)


def crimeplan_env(folder: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(CRIMEPLAN_DATA_DIR=str(folder), CRIMEPLAN_SECRET_KEY="benchmark-only")
    env.pop("CRIMEPLAN_DEBUG", None)
    return env


def police_files() -> list[Path]:
    files = sorted((ROOT / "data" / "crime").glob("*/*.csv.gz"))
    names = {p.name for p in files}
    if SHARED.is_dir():
        files += sorted(p for p in (SHARED / "crime").glob("*/*.csv.gz") if p.name not in names)
    return files


def prepared(folder: Path) -> dict[str, str]:
    """A migrated database and a store with the shipped reference geography in ``folder``."""
    env = crimeplan_env(folder)
    run_child([CRIMEPLAN, "migrate", "--no-input", "-v", "0"], env)
    geography = sorted(p for p in (ROOT / "data" / "geography").iterdir() if p.suffix in (".csv", ".geojson"))
    run_child([CRIMEPLAN, "geography", "load", *map(str, geography)], env)
    return env


def median_child(runs: int, make: list[str], env: dict[str, str] | None = None) -> Child:
    children = [run_child(make, env) for _ in range(runs)]
    return Child(
        statistics.median(c.wall_s for c in children),
        statistics.median(c.cpu_s for c in children),
        max(c.peak_mb for c in children),
        0,
    )


def main() -> None:
    console = Console(width=140)
    # As installed: crimeplan's modules compiled (``make setup`` does this; uv compiles only the dependencies).
    compileall.compile_dir(ROOT / "crimeplan", quiet=2)
    folder = scratch("startup")
    env = prepared(folder)
    files = police_files()
    rows = 0
    for path in files:
        with subprocess.Popen(["zcat", str(path)], stdout=subprocess.PIPE) as cat:
            assert cat.stdout is not None
            rows += sum(1 for _ in cat.stdout) - 1
    console.print(f"{len(files)} police.uk files, {rows:,} rows; data in {folder}")

    out = folder / "pandas"
    out.mkdir()
    imports: list[Child] = []
    pandas: list[Child] = []
    for _ in range(IMPORT_RUNS):  # interleaved, so that a busy spell on the machine falls on both
        imports.append(run_child([CRIMEPLAN, "import", "police", "--reimport", *map(str, files)], env))
        pandas.append(run_child([PYTHON, "-c", PANDAS, str(out), *map(str, files)]))
    query = median_child(QUERY_RUNS, [CRIMEPLAN, "query", "SELECT 1"], env)
    duck = median_child(QUERY_RUNS, [PYTHON, "-c", "import duckdb; duckdb.sql('SELECT 1')"])
    check = median_child(3, [CRIMEPLAN, "check"], env)

    imp_cpu = statistics.median(c.cpu_s for c in imports)
    pd_cpu = statistics.median(c.cpu_s for c in pandas)
    table = Table(title="Start-up: whole processes, medians", title_justify="left")
    for column in ("process", "wall s", "CPU s", "peak MB", "ratio", "target"):
        table.add_column(column, justify="left" if column in ("process", "target") else "right")
    table.add_row('crimeplan query "SELECT 1"', f"{query.wall_s:.2f}", f"{query.cpu_s:.2f}", f"{query.peak_mb:.0f}",
                  f"{query.wall_s / duck.wall_s:.1f}×", "≤ 5× (wall)")  # fmt: skip
    table.add_row("python -c duckdb.sql('SELECT 1')", f"{duck.wall_s:.2f}", f"{duck.cpu_s:.2f}", f"{duck.peak_mb:.0f}",
                  "1.0×", "baseline")  # fmt: skip
    table.add_row("crimeplan check (runs every check)", f"{check.wall_s:.2f}", f"{check.cpu_s:.2f}",
                  f"{check.peak_mb:.0f}", "", "for reference")  # fmt: skip
    table.add_row(f"crimeplan import police ({rows:,} rows)", f"{statistics.median(c.wall_s for c in imports):.2f}",
                  f"{imp_cpu:.2f}", f"{max(c.peak_mb for c in imports):.0f}", f"{imp_cpu / pd_cpu:.2f}×",
                  "≤ 1× (CPU)")  # fmt: skip
    table.add_row("pandas read_csv + to_parquet (same files)", f"{statistics.median(c.wall_s for c in pandas):.2f}",
                  f"{pd_cpu:.2f}", f"{max(c.peak_mb for c in pandas):.0f}", "1.00×", "baseline")  # fmt: skip
    console.print(table)
    console.print(
        f"query ratio (wall): {query.wall_s / duck.wall_s:.1f}× (CPU {query.cpu_s / duck.cpu_s:.1f}×); "
        f"import ratio (CPU): {imp_cpu / pd_cpu:.2f}×"
    )


if __name__ == "__main__":
    main()
