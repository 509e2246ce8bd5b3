"""``crimeplan hotspots evaluate|methods``: measure hotspot methods on held-out months."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from crimeplan.analytics.hotspots.evaluate import summarise
from crimeplan.analytics.hotspots.registry import METHODS
from crimeplan.analytics.months import check_month, month_range
from crimeplan.core.console import console_for, table
from crimeplan.core.exceptions import ApplicationError
from crimeplan.hotspots.protocol import PROTOCOL_METHODS, protocol_run
from crimeplan.hotspots.services import EvaluationOutcome, evaluation_run


def parse_months(text: str) -> list[str]:
    """``2022-01:2022-07`` or ``2022-03`` -> the months, or ``CommandError`` saying how to write them."""
    first, _, last = text.partition(":")
    try:
        return list(month_range(check_month(first), check_month(last or first)))
    except ValueError as exc:
        raise CommandError(f"--test-months: {exc} (write FIRST:LAST, e.g. 2022-01:2022-07)") from exc


def parse_coverages(text: str) -> list[float]:
    try:
        values = [float(part) for part in text.split(",") if part.strip()]
    except ValueError as exc:
        raise CommandError(
            f"--coverage takes shares of the area separated by commas, e.g. 0.01,0.05,0.1: {exc}"
        ) from exc
    if not values or any(not 0 < v <= 1 for v in values):
        raise CommandError("--coverage values must be between 0 and 1, e.g. 0.01,0.05,0.1")
    return values


def _iqr(values: tuple[float, float, float], fmt: str) -> str:
    median, q1, q3 = values
    return f"{median:{fmt}} ({q1:{fmt}}–{q3:{fmt}})"


class Command(BaseCommand):
    help = "Hotspot methods: 'evaluate' measures them on months they did not see; 'methods' lists them."
    requires_system_checks: list[str] = []  # a data command: `crimeplan check` runs the checks

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="{evaluate,methods,protocol}")
        sub.add_parser("methods", help="list the hotspot methods")
        pr = sub.add_parser("protocol", help="choose defaults on development months, evaluate on later months")
        pr.add_argument("--forces", default="lancashire,leicestershire", help="force ids separated by commas")
        pr.add_argument(
            "--crime-types",
            default="all,burglary,violent-crime,anti-social-behaviour",
            help="crime type slugs (or 'all') separated by commas",
        )
        pr.add_argument("--development-months", required=True, help="FIRST:LAST months the defaults are chosen on")
        pr.add_argument("--evaluation-months", required=True, help="FIRST:LAST later months to report on")
        pr.add_argument("--out", type=Path, required=True, help="folder for the JSON records and results.md")
        pr.add_argument("--methods", default=PROTOCOL_METHODS, help="methods to compare (default: %(default)s)")
        pr.add_argument("--write-defaults", action="store_true", help="write the chosen defaults into the package")
        pr.add_argument("--save", action="store_true", help="save the evaluation months' scores for the page")
        ev = sub.add_parser("evaluate", help="rolling-origin evaluation on the store's months")
        ev.add_argument("--force", default=settings.DEFAULT_FORCE, help="police.uk force id (default: %(default)s)")
        ev.add_argument("--crime-type", default="all", help="police.uk slug or name, or 'all' (all crime but ASB)")
        ev.add_argument("--test-months", required=True, help="FIRST:LAST months to forecast, e.g. 2022-01:2022-07")
        ev.add_argument("--train-months", type=int, default=12, help="months before each test month to train on")
        ev.add_argument("--methods", default="all", help="'all' or names separated by commas (see 'methods')")
        ev.add_argument("--coverage", default="0.005,0.01,0.02,0.05,0.1", help="shares of the area to flag")
        ev.add_argument("--cell-size", type=float, default=150.0, help="grid cell size in metres")
        ev.add_argument("--json", type=Path, help="write one record per method, test month and coverage here")
        ev.add_argument("--harm", action="store_true", help="weigh each record by its crime type's harm (CCHI days)")
        ev.add_argument("--no-save", action="store_true", help="do not save the scores for the hotspot page")

    def handle(self, *args: Any, **options: Any) -> None:
        console = console_for(self)
        if options["action"] == "methods":
            rows = [(m.name, m.cls.__name__, m.summary) for m in METHODS.values()]
            console.print(table("Hotspot methods", ["name", "class", "what it does"], rows))
            return
        if options["action"] == "protocol":
            self._protocol(console, options)
            return
        months = parse_months(options["test_months"])
        coverages = parse_coverages(options["coverage"])
        try:
            with console.status("Evaluating") as status:
                outcome = evaluation_run(
                    force=options["force"],
                    crime_type=options["crime_type"],
                    test_months=months,
                    train_months=options["train_months"],
                    methods=options["methods"],
                    coverages=coverages,
                    cell_size=options["cell_size"],
                    save=not options["no_save"],
                    harm=options["harm"],
                    progress=lambda method, month: status.update(f"Evaluating {method} on {month}"),
                )
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        self._report(console, outcome, options)
        if options["json"]:
            records = [_clean(r.as_dict()) for r in outcome.evaluation.records]
            options["json"].write_text(json.dumps(records, indent=1) + "\n", encoding="utf-8")
            console.print(f"Wrote {len(records):,} records to {options['json']}.")
        if not outcome.evaluation.test_months:
            raise CommandError("no test month could be evaluated (see the months skipped above)")

    def _report(self, console: Any, outcome: EvaluationOutcome, options: dict[str, Any]) -> None:
        ev, grid = outcome.evaluation, outcome.grid
        console.print(
            f"Grid: {grid.n_cells:,} cells of {grid.cell_size:g} m ({grid.area_km2:,.0f} km²), {grid.description}."
        )
        tested = ", ".join(f"{m} ({ev.test_events[m]:,} records)" for m in ev.test_months) or "none"
        console.print(f"Test months: {tested}; training window {ev.train_months} months before each.")
        if options.get("harm"):
            console.print(
                "Harm-weighted: each record weighs its crime type's CCHI days; hit rate is the share of harm."
            )
        console.print(
            f"Not counted: {outcome.events_without_location:,} records without a location, "
            f"{sum(ev.outside_grid.values()):,} test-month records outside the grid."
        )
        for month, reason in ev.skipped.items():
            console.print(f"[yellow]Skipped {month}[/]: {reason}.")
        for method, reason in ev.unavailable.items():
            console.print(f"[yellow]Not run: {method}[/]: {reason}")
        console.print(
            f"Areas: force = all {grid.n_cells:,} cells of the grid; active = the {outcome.active_cells:,} cells "
            "with at least one non-ASB record in any month the store holds."
        )
        for area in ("force", "active"):
            self._table(console, outcome, options, area)
        if outcome.choice:
            console.print(f"Chosen for the hotspot page: [bold]{outcome.choice.method}[/] ({outcome.choice.reason}).")
        else:
            console.print("No method chosen: include 0.05 in --coverage to choose one.")
        if outcome.run:
            console.print(f"Saved as evaluation {outcome.run.pk}.")

    def _table(self, console: Any, outcome: EvaluationOutcome, options: dict[str, Any], area: str) -> None:
        rows = [
            (
                s.method + (" (default)" if s.method == outcome.default_method else ""),
                f"{s.coverage:.1%}",
                s.months,
                _iqr(s.hit_rate, ".3f"),
                _iqr(s.pai, ".2f"),
                f"{s.pei:.3f}",
                f"{s.best_hit_rate:.3f}",
                f"{s.flagged_with_crime:.2f}",
                f"{s.fit_predict_s:.3f}",
                f"{s.peak_memory_mb:.1f}" if s.peak_memory_mb is not None else "",
            )
            for s in summarise(outcome.evaluation)
            if s.area == area
        ]
        columns = [
            "method",
            "coverage",
            "months",
            "hit rate (IQR)",
            "PAI (IQR)",
            "PEI",
            "best hit rate",
            "flagged cells with crime",
            "fit+predict s",
            "peak MiB",
        ]
        title = (
            f"{options['force']} · {options['crime_type']} · {area} area: median over test months (interquartile range)"
        )
        console.print(table(title, columns, rows, numeric=columns[1:]))

    def _protocol(self, console: Any, options: dict[str, Any]) -> None:
        try:
            with console.status("Evaluating") as status:
                result = protocol_run(
                    forces=[f.strip() for f in options["forces"].split(",") if f.strip()],
                    crime_types=[c.strip() for c in options["crime_types"].split(",") if c.strip()],
                    development=parse_months(options["development_months"]),
                    evaluation=parse_months(options["evaluation_months"]),
                    out_dir=options["out"],
                    write=options["write_defaults"],
                    save=options["save"],
                    methods=options["methods"],
                    progress=lambda method, month: status.update(f"Evaluating {method} on {month}"),
                )
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        for slug, choice in result.choices.items():
            console.print(f"Default for {slug}: [bold]{choice.method}[/] ({choice.reason}).")
        console.print(f"Wrote {', '.join(str(p) for p in result.files)}.")


def _clean(record: dict[str, Any]) -> dict[str, Any]:
    """JSON has no NaN: a metric with nothing to measure is null."""
    return {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in record.items()}
