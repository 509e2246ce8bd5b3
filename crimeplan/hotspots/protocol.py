"""The evaluation protocol in one service: choose defaults on development months, report on later months.

``protocol_run`` evaluates the methods on the development months (choosing and, if asked, writing
each crime type's default, :mod:`crimeplan.analytics.hotspots.defaults`), then on the evaluation
months, which must all come after the development months. It writes each evaluation's records as
JSON and a Markdown summary (``results.md``) into ``out_dir``, so the tables in
``docs/analytics/hotspot-evaluation.md`` are one command away.
"""

from __future__ import annotations

import json
import math
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crimeplan.analytics.hotspots.defaults import PEERS, DefaultChoice, check_split, choose_default, write_defaults
from crimeplan.analytics.hotspots.evaluate import Summary, summarise
from crimeplan.core.exceptions import ApplicationError
from crimeplan.hotspots.services import EvaluationOutcome, evaluation_run

PROTOCOL_COVERAGES = (0.005, 0.01, 0.02, 0.05, 0.1)
PROTOCOL_METHODS = "naive,retrospective,prospective,resnap,ensemble,learned"
#: The target: the default's median hit rate at 1% of active cells at least this many times the best peer's.
TARGET_RATIO = 1.10


@dataclass
class ProtocolResult:
    choices: dict[str, DefaultChoice] = field(default_factory=dict)
    outcomes: dict[tuple[str, str], EvaluationOutcome] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)


def _clean(record: dict[str, Any]) -> dict[str, Any]:
    return {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in record.items()}


def protocol_run(
    *,
    forces: Sequence[str],
    crime_types: Sequence[str],
    development: Sequence[str],
    evaluation: Sequence[str],
    out_dir: Path,
    train_months: int = 12,
    methods: str = PROTOCOL_METHODS,
    write: bool = False,
    save: bool = False,
    progress: Callable[[str, str], None] | None = None,
) -> ProtocolResult:
    """Choose each crime type's default on ``development`` months and evaluate on ``evaluation`` months."""
    try:
        check_split(development, evaluation)
    except ValueError as exc:
        raise ApplicationError(str(exc)) from exc
    out_dir.mkdir(parents=True, exist_ok=True)
    result = ProtocolResult()
    for crime_type in crime_types:
        dev = {
            f: evaluation_run(
                force=f,
                crime_type=crime_type,
                test_months=development,
                train_months=train_months,
                methods=methods,
                coverages=PROTOCOL_COVERAGES,
                save=False,
                measure_memory=False,
            )
            for f in forces
        }
        months = sorted({m for o in dev.values() for m in o.evaluation.test_months})
        choice = choose_default(crime_type, {f: summarise(o.evaluation) for f, o in dev.items()}, months)
        result.choices[crime_type] = choice
        if write:
            write_defaults({crime_type: choice})
        for force in forces:
            outcome = evaluation_run(
                force=force,
                crime_type=crime_type,
                test_months=evaluation,
                train_months=train_months,
                methods=methods,
                coverages=PROTOCOL_COVERAGES,
                save=save,
                progress=progress,
            )
            result.outcomes[(force, crime_type)] = outcome
            path = out_dir / f"eval-{force}-{crime_type}.json"
            lines = ",\n".join(json.dumps(_clean(r.as_dict())) for r in outcome.evaluation.records)
            path.write_text(f"[\n{lines}\n]\n", encoding="utf-8")  # one record per line
            result.files.append(path)
    summary = out_dir / "results.md"
    summary.write_text(results_markdown(result, development, evaluation), encoding="utf-8")
    result.files.append(summary)
    return result


def _hit(rows: Sequence[Summary], method: str, area: str, coverage: float) -> float:
    for s in rows:
        if (s.method, s.area, s.coverage) == (method, area, coverage):
            return s.hit_rate[0]
    return math.nan


def target_check(rows: Sequence[Summary], default: str) -> dict[str, float | bool]:
    """The default's median hit rate at 1% and 5% of active cells against the best peer's."""
    out: dict[str, float | bool] = {}
    for coverage in (0.01, 0.05):
        peer = max(_hit(rows, p, "active", coverage) for p in PEERS)
        mine = _hit(rows, default, "active", coverage)
        out[f"ratio_{coverage:g}"] = mine / peer if peer else math.nan
    out["met"] = bool(out["ratio_0.01"] >= TARGET_RATIO and out["ratio_0.05"] > 1)
    return out


def _median_hit(records: Sequence[dict[str, Any]], method: str, coverage: float, key: str = "hit_rate") -> float:
    values = [
        r[key]
        for r in records
        if (r["method"], r["area"], r["coverage"]) == (method, "active", coverage) and r[key] is not None
    ]
    return statistics.median(values) if values else math.nan


def target_table(records: dict[tuple[str, str], list[dict[str, Any]]], defaults: dict[str, str]) -> str:
    """The target in one table: median hit rate at 1% and 5% of active cells, default against the best peer."""
    lines = [
        "| force · crime type | default | best peer at 1% | default at 1% | ratio | best peer at 5% | default at 5% "
        "| ratio | best possible at 1% | target |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for (force, crime_type), rows in records.items():
        default = defaults[crime_type]
        cells = []
        for coverage in (0.01, 0.05):
            peer = max(_median_hit(rows, p, coverage) for p in PEERS)
            mine = _median_hit(rows, default, coverage)
            cells += [peer, mine, mine / peer if peer else math.nan]
        met = cells[2] >= TARGET_RATIO and cells[5] > 1
        best = _median_hit(rows, default, 0.01, "best_hit_rate")
        figures = " | ".join(f"{v:.3f}" for v in cells)
        lines.append(f"| {force} · {crime_type} | {default} | {figures} | {best:.3f} | {'met' if met else 'not met'} |")
    return "\n".join(lines) + "\n"


def results_markdown(result: ProtocolResult, development: Sequence[str], evaluation: Sequence[str]) -> str:
    """Tables of median hit rate per method, area and coverage, the default marked, and the target check."""
    lines = [
        "# Hotspot evaluation results (written by `crimeplan hotspots protocol`)",
        "",
        f"Defaults chosen on {min(development)}..{max(development)}; "
        f"evaluated on {min(evaluation)}..{max(evaluation)}.",
        "Median over the evaluation months of the hit rate; `*` marks the default; PEI and best possible at 1%.",
        "",
        target_table(
            {k: [_clean(r.as_dict()) for r in o.evaluation.records] for k, o in result.outcomes.items()},
            {slug: choice.method for slug, choice in result.choices.items()},
        ),
    ]
    for (force, crime_type), outcome in result.outcomes.items():
        rows = summarise(outcome.evaluation)
        default = result.choices[crime_type].method
        for area in ("force", "active"):
            cells = outcome.grid.n_cells if area == "force" else outcome.active_cells
            lines += [f"## {force} · {crime_type} · {area} area ({cells:,} cells)", ""]
            lines += ["| method | 0.5% | 1% | 2% | 5% | 10% | PEI 1% | best 1% | flagged cells with crime, 1% |"]
            lines += ["|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
            for method in outcome.evaluation.methods:
                mine = {s.coverage: s for s in rows if (s.method, s.area) == (method, area)}
                if 0.01 not in mine:
                    continue
                hits = " | ".join(f"{mine[c].hit_rate[0]:.3f}" if c in mine else "" for c in PROTOCOL_COVERAGES)
                one = mine[0.01]
                mark = "*" if method == default else ""
                tail = f"{one.pei:.3f} | {one.best_hit_rate:.3f} | {one.flagged_with_crime:.2f}"
                lines.append(f"| {method}{mark} | {hits} | {tail} |")
            lines.append("")
        check = target_check(rows, default)
        lines += [
            f"Target ({force}, {crime_type}, default {default}): {check['ratio_0.01']:.3f}× the best peer at 1% of "
            f"active cells, {check['ratio_0.05']:.3f}× at 5%: {'met' if check['met'] else 'not met'}.",
            "",
        ]
    return "\n".join(lines)
