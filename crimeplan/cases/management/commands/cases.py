"""``crimeplan cases retention|apikey|demo``."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from crimeplan.accounts.models import Organisation
from crimeplan.cases.models import ApiKey
from crimeplan.cases.services import apikeys, retention
from crimeplan.core.console import console_for, table, today_option
from crimeplan.core.exceptions import ApplicationError


class Command(BaseCommand):
    help = "Case work housekeeping: retention, partner systems' API keys, and the example data."
    requires_system_checks: list[str] = []  # a data command: `crimeplan check` runs the checks

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{retention,apikey,demo}")
        keep = actions.add_parser("retention", help="list the cases past retention; --delete deletes them")
        keep.add_argument("--delete", action="store_true", help="delete what is listed (an audit record survives)")
        keep.add_argument("--today", help="the date to apply the schedule at (default: today), YYYY-MM-DD")
        key = actions.add_parser("apikey", help="API keys for partners' systems")
        key.add_argument("key_action", choices=["create", "list", "revoke"])
        key.add_argument("--organisation", help="organisation slug (create)")
        key.add_argument("--name", help="what the key is for, e.g. 'Probation case system' (create)")
        key.add_argument("--prefix", help="the key's first characters, as listed (revoke)")
        demo = actions.add_parser("demo", help="load the example case work data (labelled; safe to run twice)")
        demo.add_argument("--password", default="", help="the partner users' password (default: random, printed)")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "retention":
            self._retention(options)
        elif action == "apikey":
            self._apikey(options)
        else:
            from crimeplan.cases.demo import load_demo

            self.stdout.write(load_demo(options["password"]))

    def _retention(self, options: dict[str, Any]) -> None:
        today = today_option(options["today"])
        due = retention.due_for_deletion(today=today)
        console = console_for(self)
        rows = [
            (d.case.reference, d.case.programme.name, d.case.get_status_display(), d.finished_on, d.delete_from)
            for d in due
        ]
        columns = ["case", "programme", "status", "finished", "due"]
        console.print(table(f"Cases past retention on {today}", columns, rows))
        stale, before = retention.stale_asb_incidents(today=today)
        if stale:
            console.print(f"{stale:,} ASB complaints reported before {before} never reached a case review.")
        if not options["delete"]:
            console.print(f"{len(due):,} cases listed. Nothing was deleted: add --delete to delete them.")
            return
        for item in due:
            retention.delete_case(due=item)
        deleted = retention.delete_stale_asb_incidents(today=today)
        console.print(f"Deleted {len(due):,} cases and {deleted:,} ASB complaints; each is in the audit trail.")

    def _apikey(self, options: dict[str, Any]) -> None:
        verb = options["key_action"]
        try:
            if verb == "create":
                self._create_key(options)
            elif verb == "revoke":
                if not options["prefix"]:
                    raise CommandError("Give --prefix, the key's first characters as `apikey list` shows them")
                key = apikeys.revoke_api_key(prefix=options["prefix"], revoked_by="command line")
                self.stdout.write(f"Revoked {key}")
            else:
                self._list_keys()
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc

    def _list_keys(self) -> None:
        rows = [
            (k.prefix, k.name, k.organisation, k.created_at.date(), k.last_used_at or "never", k.revoked_at or "–")
            for k in ApiKey.objects.select_related("user__organisation")
        ]
        columns = ["prefix", "name", "organisation", "made", "last used", "revoked"]
        console_for(self).print(table("API keys", columns, rows))

    def _create_key(self, options: dict[str, Any]) -> None:
        if not options["organisation"] or not options["name"]:
            raise CommandError("Give --organisation SLUG and --name 'what the key is for'")
        organisation = Organisation.objects.filter(slug=options["organisation"]).first()
        if organisation is None:
            slugs = ", ".join(Organisation.objects.values_list("slug", flat=True))
            raise CommandError(f"No organisation {options['organisation']!r}: use one of {slugs or '(none yet)'}")
        key, secret = apikeys.create_api_key(organisation=organisation, name=options["name"], created_by="command line")
        self.stdout.write(f"API key for {organisation} ({key.name}). It is shown once; store it in the partner system:")
        self.stdout.write(secret)
