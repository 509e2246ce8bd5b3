"""``crimeplan alerts import-members|send|status|demo|ingest-replies|fetch-replies``: members moved from other
platforms, alerts, and members' emailed replies (saved ``.eml`` files, or the replies mailbox over IMAP)."""

from __future__ import annotations

import imaplib
import json
import time
from collections import Counter
from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from crimeplan.engagement.constants import Provider, TargetKind, Topic
from crimeplan.engagement.models import Alert
from crimeplan.engagement.services import alerts, imports, sending


class Command(BaseCommand):
    help = "Community alerts: import members from another platform, send an alert, show its progress, demo data."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(
            dest="action", required=True, metavar="{import-members,send,status,demo,ingest-replies,fetch-replies}"
        )
        imp = sub.add_parser("import-members", help="import a members CSV (see docs/engagement.md)")
        imp.add_argument("file", type=Path)
        send = sub.add_parser("send", help="queue an alert to an area's members (and with --wait, send it)")
        send.add_argument("--provider", required=True, choices=Provider.values)
        area = send.add_mutually_exclusive_group(required=True)
        area.add_argument("--ward", metavar="CODE")
        area.add_argument("--lsoa", metavar="CODE")
        area.add_argument("--csp", metavar="CODE")
        send.add_argument("--topic", action="append", default=[], choices=Topic.values)
        send.add_argument("--subject", required=True)
        send.add_argument("--body-file", required=True, type=Path)
        send.add_argument("--wait", action="store_true", help="send here until done (quiet hours still apply)")
        send.add_argument("--json", action="store_true")
        status = sub.add_parser("status", help="an alert's deliveries by state")
        status.add_argument("alert", type=int)
        status.add_argument("--json", action="store_true")
        sub.add_parser("demo", help="load example members and one example alert")
        replies_parser = sub.add_parser("ingest-replies", help="email replies (.eml files) into the officers' inbox")
        replies_parser.add_argument("paths", nargs="+", type=Path, metavar="FILE_OR_FOLDER")
        sub.add_parser("fetch-replies", help="read the replies mailbox (IMAP, CRIMEPLAN_REPLIES_IMAP_*) into the inbox")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "demo":
            from crimeplan.engagement.demo import load_examples

            self.stdout.write(load_examples())
        elif action == "import-members":
            self._import(options["file"])
        elif action == "ingest-replies":
            self._ingest(options["paths"])
        elif action == "fetch-replies":
            self._fetch()
        elif action == "send":
            self._send(options)
        else:
            self._status(options["alert"], as_json=options["json"])

    def _import(self, path: Path) -> None:
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        report = imports.import_members(path)
        for line, rule, value, message in report.rejections:
            self.stderr.write(f"{path.name}:{line}: {rule}: {value!r}: {message}")
        if report.ignored_columns:
            self.stderr.write(f"{path.name}: columns ignored: {', '.join(report.ignored_columns)}")
        self.stdout.write(
            f"{path.name}: read {report.rows_read} = imported {report.imported} "
            f"({report.updated} already known) + rejected {report.rejected}"
        )
        if report.imported == 0:
            missing = f" (missing columns: {', '.join(report.missing_columns)})" if report.missing_columns else ""
            raise CommandError(f"{path.name}: refused, no row could be imported{missing}; nothing was stored")

    def _ingest(self, paths: list[Path]) -> None:
        from crimeplan.engagement.services.replies import NOT_A_REPLY, receive_email_reply

        files = [f for p in paths for f in (sorted(p.glob("*.eml")) if p.is_dir() else [p])]
        counts: Counter[str] = Counter()
        for path in files:
            outcome, _ = receive_email_reply(path.read_bytes())
            counts[outcome] += 1
            if outcome == NOT_A_REPLY:
                self.stderr.write(f"{path.name}: not a reply to an alert message (no crimeplan Message-ID): skipped")
        self._counted(len(files), counts)

    def _fetch(self) -> None:
        from crimeplan.engagement.mailbox import fetch_replies

        try:
            counts = fetch_replies()
        except (ImproperlyConfigured, imaplib.IMAP4.error, OSError) as exc:
            raise CommandError(f"could not read the replies mailbox: {exc}") from exc
        self._counted(counts.pop("read", 0), counts)

    def _counted(self, read: int, counts: Counter[str]) -> None:
        from crimeplan.engagement.services.replies import ALREADY, STORED

        stored, already = counts[STORED], counts[ALREADY]
        skipped = read - stored - already
        self.stdout.write(f"read {read} = stored {stored} + already stored {already} + skipped {skipped}")
        if read and not (stored or already):
            raise CommandError("no message was a reply to an alert")

    def _send(self, options: dict[str, Any]) -> None:
        body_file: Path = options["body_file"]
        if not body_file.is_file():
            raise CommandError(f"{body_file}: no such file")
        kind, code = next((k, options[k]) for k in (TargetKind.WARD, TargetKind.LSOA, TargetKind.CSP) if options[k])
        try:
            alert = alerts.create_alert(
                user=None,
                provider=options["provider"],
                subject=options["subject"],
                body=body_file.read_text(encoding="utf-8"),
                topics=options["topic"],
                target_kind=kind,
                target_code=code,
            )
            targeted = sending.queue_alert(alert=alert, start=not options["wait"])
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        if options["wait"]:
            self._wait(alert.pk)
        if options["json"]:
            self.stdout.write(json.dumps({"alert": alert.pk, "targeted": targeted}))
        else:
            self.stdout.write(f"Alert {alert.pk} queued to {targeted} members.")

    def _wait(self, alert_id: int) -> None:
        while True:
            sending.recover(alert_id)
            result = sending.send_batch(alert_id)
            if sending.finish_if_done(alert_id):
                return
            if result.sent or result.failed:
                continue
            due = sending.next_due(alert_id)
            pause = 1.0 if due is None else max(0.0, (due - timezone.now()).total_seconds())
            if pause > 1:
                self.stderr.write(f"waiting {pause:.0f} s for quiet hours to end")
            time.sleep(min(max(pause, 0.05), 60))

    def _status(self, alert_id: int, *, as_json: bool) -> None:
        if not Alert.objects.filter(pk=alert_id).exists():
            raise CommandError(f"No alert {alert_id}")
        counts = sending.counts(alert_id)
        if as_json:
            self.stdout.write(json.dumps({"alert": alert_id, **counts}))
        else:
            self.stdout.write(" ".join(f"{k} {v}" for k, v in counts.items()))
