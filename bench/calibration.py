"""Benchmark: how often the verdict is a false alarm, for the pipeline now and the one it replaced.

Simulated no-change monthly counts (flat, or with a 15% seasonal swing), over-dispersed with
var = φ × mean, run through :func:`crimeplan.analytics.significance.compare_periods` — the last
quarter against the same quarter a year before, two years of history — and, as the baseline in the
same run, through the earlier pipeline: φ from the mean moving range of the 12 months before the
quarter, at least 1, then the exact test (φ = 1) or the quasi-Poisson Wald test with a normal
reference. A calibrated test calls about 5% of these "significant". Prints the table that
``docs/analytics/significance.md`` publishes, with the Monte Carlo standard error.

    python -m bench.calibration [REPLICATES]     # default 4,000 per cell
"""

from __future__ import annotations

import math
import sys

import numpy as np
from rich.console import Console
from rich.table import Table

from crimeplan.analytics.calibration import QUARTER, rejection_rate, simulate_counts
from crimeplan.analytics.months import add_months
from crimeplan.analytics.significance import NORMAL, compare_counts, dispersion

PHIS = (1.0, 2.0, 3.0, 5.0, 10.0)
MEANS = (5.0, 20.0, 100.0, 500.0)


def earlier_pipeline(phi: float, mean: float, *, seasonal: bool, replicates: int, seed: int) -> float:
    """The false-alarm rate of the pipeline before calibration, on the same simulated series."""
    months, counts = simulate_counts(
        phi, mean, seasonal=seasonal, replicates=replicates, rng=np.random.default_rng(seed)
    )
    now = [months.index(m) for m in QUARTER]
    then = [months.index(add_months(m, -12)) for m in QUARTER]
    alarms = 0
    for row in counts:
        estimate = max(1.0, dispersion([float(v) for v in row[now[0] - 12 : now[0]]]))
        c1, c0 = int(row[now].sum()), int(row[then].sum())
        if estimate <= 1.0 or c1 == 0 or c0 == 0:
            verdict = compare_counts(c1, c0, current_exposure=91, baseline_exposure=91).verdict
        else:
            z = abs(math.log(c1 / c0)) / math.sqrt(estimate * (1 / c1 + 1 / c0))
            verdict = "significant" if 2 * (1 - 0.5 * (1 + math.erf(z / math.sqrt(2)))) < 0.05 else NORMAL
        alarms += verdict not in (NORMAL, "not enough data")
    return alarms / replicates


def main() -> None:
    replicates = int(sys.argv[1]) if len(sys.argv) > 1 else 4000
    console = Console()
    table = Table(title=f"False alarms under no change, at 5% ({replicates:,} simulated series per cell)")
    for column in ("series", "φ", "monthly mean", "now", "± s.e.", "before", "now ÷ 5%"):
        table.add_column(column, justify="right")
    worst = 0.0
    for seasonal in (False, True):
        for phi in PHIS:
            for mean in MEANS:
                seed = int(phi * 1000 + mean) + (7 if seasonal else 0)
                now = rejection_rate(phi, mean, seasonal=seasonal, replicates=replicates, seed=seed)
                before = earlier_pipeline(phi, mean, seasonal=seasonal, replicates=replicates, seed=seed)
                worst = max(worst, abs(now.rejection_rate - 0.05))
                table.add_row(
                    "seasonal" if seasonal else "flat",
                    f"{phi:g}",
                    f"{mean:g}",
                    f"{now.rejection_rate:.1%}",
                    f"{now.standard_error:.1%}",
                    f"{before:.1%}",
                    f"{now.rejection_rate / 0.05:.2f}",
                )
    console.print(table)
    console.print(f"largest distance from 5%: {worst:.1%} (target: every cell within 4–6%)")


if __name__ == "__main__":
    main()
