"""``crimeplan demo load``: the shipped Lancashire geography and months, and a demo user."""

from __future__ import annotations

import os
import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from crimeplan.accounts.constants import OrganisationKind
from crimeplan.accounts.models import Organisation
from crimeplan.accounts.roles import demo_roles

DEMO_USERNAME = "demo"


def shipped_geography() -> list[str]:
    folder = settings.SHIPPED_DATA_DIR / "geography"
    return [str(p) for p in sorted(folder.iterdir()) if p.suffix in (".csv", ".geojson")]


def shipped_months() -> list[str]:
    return [str(settings.SHIPPED_DATA_DIR / "crime"), str(settings.SHIPPED_DATA_DIR / "stop_search")]


class Command(BaseCommand):
    help = "Demo set-up: load the shipped reference data and police.uk months, create the demo user."
    requires_system_checks: list[str] = []  # a data command: `crimeplan check` runs the checks

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{load,user}")
        actions.add_parser("load", help="load shipped geography and months (safe to run twice), then the demo user")
        actions.add_parser("user", help="create or reset the demo user and print its password")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "load":
            call_command("geography", "load", *shipped_geography(), stdout=self.stdout, stderr=self.stderr)
            call_command("loaddata", "lancashire_plan", stdout=self.stdout, stderr=self.stderr)
            try:
                call_command("importdata", "police", *shipped_months(), stdout=self.stdout, stderr=self.stderr)
            except CommandError as exc:
                raise CommandError(f"the shipped months did not import: {exc}") from exc
            self._evaluate_hotspots()
            call_command("grants", "demo", stdout=self.stdout, stderr=self.stderr)
            call_command("roads", "demo", stdout=self.stdout, stderr=self.stderr)
            call_command("alerts", "demo", stdout=self.stdout, stderr=self.stderr)
        password = self._demo_user()
        if options["action"] == "load":
            call_command("cases", "demo", "--password", password, stdout=self.stdout, stderr=self.stderr)
            call_command("ocg", "demo", stdout=self.stdout, stderr=self.stderr)
            call_command("reporting", "demo", "--password", password, stdout=self.stdout, stderr=self.stderr)
            self._pact()
            self.stdout.write(demo_roles(password))

    def _evaluate_hotspots(self) -> None:
        """Measure the hotspot methods on the shipped months once, so the hotspot page shows their accuracy."""
        from crimeplan.hotspots.models import EvaluationRun

        for crime_type in ("burglary", "all"):
            if EvaluationRun.objects.filter(force="lancashire", crime_type=crime_type).exists():
                continue
            call_command(
                "hotspots", "evaluate", "--force", "lancashire", "--crime-type", crime_type,
                "--test-months", "2022-03:2022-07", "--train-months", "12",
                "--methods", "naive,retrospective,prospective,resnap,ensemble,learned",
                stdout=self.stdout, stderr=self.stderr,
            )  # fmt: skip

    def _pact(self) -> None:
        """The example PACT (an example neighbourhood with example members, votes and priorities)."""
        from crimeplan.engagement.pact.demo import load_demo as load_pact

        made = load_pact()
        self.stdout.write(f"Example PACT: /pact/{made['neighbourhood'].slug}/ with {made['members']} example members")

    def _demo_user(self) -> str:
        password = os.environ.get("CRIMEPLAN_DEMO_PASSWORD") or secrets.token_urlsafe(12)
        office, _ = Organisation.objects.get_or_create(
            slug="opcc",
            defaults={"name": "Office of the Police and Crime Commissioner", "kind": OrganisationKind.OPCC},
        )
        user, _ = get_user_model().objects.get_or_create(username=DEMO_USERNAME)
        user.first_name, user.last_name = "Demo", "Analyst"
        user.organisation = office
        user.is_staff = True
        user.is_superuser = True
        user.set_password(password)
        user.save()
        self.stdout.write(self.style.SUCCESS(f"Demo staff user: username {DEMO_USERNAME!r}, password {password!r}"))
        return password
