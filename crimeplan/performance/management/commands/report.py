"""``crimeplan report quarterly --quarter 2022Q2 --force lancashire --out report.pdf``"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.template.loader import render_to_string

from crimeplan.core.exceptions import ApplicationError
from crimeplan.core.pdf import html_to_pdf
from crimeplan.performance import report, selectors


class Command(BaseCommand):
    help = "Reports: the quarterly Police and Crime Plan performance report as PDF (and HTML beside it)."
    requires_system_checks: list[str] = []  # a data command: `crimeplan check` runs the checks

    def add_arguments(self, parser: CommandParser) -> None:
        kinds = parser.add_subparsers(dest="kind", required=True, metavar="{quarterly}")
        quarterly = kinds.add_parser("quarterly", help="one calendar quarter, every priority of the plan")
        quarterly.add_argument("--quarter", required=True, help="e.g. 2022Q2 (April to June 2022)")
        quarterly.add_argument("--force", required=True, help="police.uk force id, e.g. lancashire")
        quarterly.add_argument("--out", required=True, type=Path, help="the PDF to write; the HTML goes beside it")

    def handle(self, *args: Any, **options: Any) -> None:
        out: Path = options["out"]
        try:
            period = selectors.reporting_period(options["force"], options["quarter"])
            context = report.build(options["force"], period)
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        html = render_to_string("performance/report.html", context)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.with_suffix(".html").write_text(html, encoding="utf-8")
        out.write_bytes(html_to_pdf(html))
        self.stdout.write(f"Wrote {out} and {out.with_suffix('.html')} for {period.label}.")
