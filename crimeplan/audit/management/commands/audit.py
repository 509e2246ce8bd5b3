"""``crimeplan audit verify``: recompute the audit trail's hash chain."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from crimeplan.audit.chain import verify


class Command(BaseCommand):
    help = "The audit trail: 'verify' recomputes its hash chain and fails naming the first bad event."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{verify}")
        actions.add_parser("verify", help="check that no event was edited or deleted (exit 1 naming the first)")

    def handle(self, *args: Any, **options: Any) -> None:
        verdict = verify()
        if not verdict.sound:
            raise CommandError(
                f"The audit trail is broken at {verdict.problem}. Events before it, all sound: {verdict.checked:,}."
            )
        self.stdout.write(
            f"The audit trail is sound: {verdict.checked:,} events chained; the last hash is {verdict.last_hash}.\n"
            "Keep that hash somewhere else (for example in the daily backup log): if the trail is ever "
            "rewritten from that point on, it will no longer match."
        )
