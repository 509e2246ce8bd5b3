"""``crimeplan reoffending ogrs3 ...`` and ``crimeplan reoffending import COHORT FILE``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from crimeplan.analytics.reoffending import SEXES
from crimeplan.cases.models import Cohort
from crimeplan.cases.services.reoffending import import_offences, ogrs3_model
from crimeplan.core.console import console_for, table
from crimeplan.core.exceptions import ApplicationError

CAVEAT = "OGRS3 is for a cohort's expected reoffending only: never use it to decide about one person."


class Command(BaseCommand):
    help = "OGRS3 probabilities (for cohort expectations only) and importing proven offences for a cohort."
    requires_system_checks: list[str] = []  # a data command: `crimeplan check` runs the checks

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{ogrs3,import}")
        ogrs3 = actions.add_parser("ogrs3", help="OGRS3 one- and two-year probabilities and band")
        ogrs3.add_argument("--sex", required=True, choices=SEXES)
        ogrs3.add_argument("--age", type=int, required=True, help="age at the current sanction")
        ogrs3.add_argument("--age-first-sanction", type=int, required=True)
        ogrs3.add_argument("--sanctions", type=int, required=True, help="every sanction, including the current one")
        offence = ogrs3.add_mutually_exclusive_group(required=True)
        offence.add_argument("--offence-category", help='OGRS3 category, e.g. "Burglary (domestic)"')
        offence.add_argument("--offence-code", help="Home Office offence code, e.g. 05911")
        ogrs3.add_argument("--json", action="store_true", help="print only the JSON result")
        load = actions.add_parser("import", help="import a CSV of proven offences into a cohort")
        load.add_argument("cohort", help="the cohort's name or number")
        load.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "ogrs3":
            self._ogrs3(options)
        else:
            self._import(options)

    def _ogrs3(self, options: dict[str, Any]) -> None:
        model = ogrs3_model()
        try:
            category = (
                model.category_for_code(options["offence_code"])
                if options["offence_code"]
                else model.category(options["offence_category"])
            )
            score = model.score(
                sex=options["sex"],
                age=options["age"],
                age_first_sanction=options["age_first_sanction"],
                sanctions=options["sanctions"],
                offence_category=category,
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        if options["json"]:
            self.stdout.write(json.dumps(score.as_dict()))
            return
        rows = [("offence category", category), *((k, f"{v:+.5f}") for k, v in score.terms.items())]
        rows += [("one year", f"{score.one_year:.4f}"), ("two years", f"{score.two_year:.4f}"), ("band", score.band)]
        console_for(self).print(table("OGRS3", ["", "value"], rows))
        self.stdout.write(CAVEAT)

    def _import(self, options: dict[str, Any]) -> None:
        name = options["cohort"]
        cohort = Cohort.objects.filter(pk=int(name)).first() if name.isdigit() else None
        cohort = cohort or Cohort.objects.filter(name=name).first()
        if cohort is None:
            raise CommandError(f"No cohort {name!r}: give its name or number as shown on the Cohorts page")
        path: Path = options["file"]
        try:
            run = import_offences(cohort=cohort, by=None, file_name=path.name, data=path.read_bytes())
        except (OSError, ApplicationError) as exc:
            raise CommandError(f"{path}: {exc}") from exc
        console = console_for(self)
        console.print(
            table(
                f"{path.name} into {cohort}",
                ["read", "stored", "rejected"],
                [(run.rows_read, run.rows_stored, run.rows_rejected)],
                numeric=["read", "stored", "rejected"],
            )
        )
        rejections = [(r.line, r.column or "–", r.value or "–", r.reason) for r in run.rejections.all()]
        if rejections:
            console.print(table("Rejected lines", ["line", "column", "value", "reason"], rejections, numeric=["line"]))
