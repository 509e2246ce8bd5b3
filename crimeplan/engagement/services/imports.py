"""``crimeplan alerts import-members``: members moved from another alert platform, with their consent evidence.

Every row is checked; a rejected row is kept with its line, rule and value, and the counts reconcile
(read = imported + rejected). A member is keyed by email, then phone: importing the same file again changes
nothing. An existing member's unsubscribes and withdrawals are never undone by an import.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from crimeplan.audit.services import record_event
from crimeplan.engagement.constants import IMPORTED_WORDING, Channel, MemberSource, Provider, Topic
from crimeplan.engagement.events import MembersImported
from crimeplan.engagement.models import (
    AreaOfInterest,
    Member,
    MemberImport,
    MemberImportRejection,
    MemberTopic,
    ProviderConsent,
    Subscription,
)
from crimeplan.engagement.services import contacts
from crimeplan.geography import selectors as geography

COLUMNS = (
    "email",
    "phone",
    "postcode",
    "lsoa_code",
    "topics",
    "providers",
    "channels",
    "opted_in_at",
    "opt_in_evidence",
)


class Rejected(Exception):
    def __init__(self, rule: str, value: str, message: str):
        super().__init__(message)
        self.rule, self.value, self.message = rule, value, message


@dataclass
class Row:
    line: int
    email: str
    phone: str
    postcode: str
    lsoa_code: str
    ward_code: str
    topics: list[str]
    providers: list[str]
    channels: list[str]
    opted_in_at: dt.datetime
    evidence: str


@dataclass
class ImportReport:
    file: str
    rows_read: int = 0
    imported: int = 0
    updated: int = 0
    rejections: list[tuple[int, str, str, str]] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    missing_columns: list[str] = field(default_factory=list)
    run_id: int | None = None

    @property
    def rejected(self) -> int:
        return len(self.rejections)


def _slugs(raw: str, allowed: list[str], rule: str) -> list[str]:
    values = [v.strip().lower() for v in (raw or "").split(";") if v.strip()]
    unknown = [v for v in values if v not in allowed]
    if unknown:
        raise Rejected(
            rule, raw, f"unknown {rule.removeprefix('unknown_')} {', '.join(unknown)}; use {', '.join(allowed)}"
        )
    if not values:
        raise Rejected(rule.replace("unknown", "no"), raw, f"give at least one of {', '.join(allowed)}")
    return values


def _contact(record: dict[str, str]) -> tuple[str, str]:
    email, phone = (record.get("email") or "").strip(), (record.get("phone") or "").strip()
    if not email and not phone:
        raise Rejected("no_contact", "", "give an email or a phone number")
    try:
        email = contacts.normalise_email(email) if email else ""
    except ValidationError as error:
        raise Rejected("email", email, error.messages[0]) from error
    try:
        phone = contacts.normalise_phone(phone) if phone else ""
    except ValidationError as error:
        raise Rejected("phone", phone, error.messages[0]) from error
    return email, phone


def _place(record: dict[str, str]) -> tuple[str, str, str]:
    postcode, lsoa = (record.get("postcode") or "").strip(), (record.get("lsoa_code") or "").strip().upper()
    try:
        postcode = contacts.normalise_postcode(postcode)
    except ValidationError as error:
        raise Rejected("postcode", postcode, error.messages[0]) from error
    if not lsoa and postcode and geography.postcodes_loaded():
        found = geography.find_postcode(postcode)
        if found is None or found[1] is None:
            raise Rejected("unknown_postcode", postcode, "not in the loaded postcode lookup: give the lsoa_code")
        lsoa = found[1].code
    if not lsoa:
        rule = "no_place" if not postcode else "no_lsoa"
        raise Rejected(rule, postcode, "give the lsoa_code (crimeplan has no postcode lookup loaded)")
    ward = geography.ward_code_of(lsoa)
    if ward is None:
        raise Rejected("unknown_lsoa", lsoa, "not an LSOA of the loaded geography")
    return postcode, lsoa, ward


def _when(record: dict[str, str]) -> dt.datetime:
    raw = (record.get("opted_in_at") or "").strip()
    when = parse_datetime(raw) if raw else None
    if when is None and len(raw) == 10:
        when = parse_datetime(raw + "T00:00:00")
    if when is None:
        raise Rejected("opted_in_at", raw, "give the opt-in date and time as ISO 8601, e.g. 2021-03-02T10:15:00")
    if timezone.is_naive(when):
        when = timezone.make_aware(when, dt.UTC)
    if when > timezone.now():
        raise Rejected("opted_in_at_future", raw, "the opt-in time is in the future")
    return when


def parse_row(line: int, record: dict[str, str]) -> Row:
    email, phone = _contact(record)
    postcode, lsoa, ward = _place(record)
    topics = _slugs(record.get("topics", ""), Topic.values, "unknown_topic")
    providers = _slugs(record.get("providers", ""), Provider.values, "unknown_provider")
    channels = _slugs(record.get("channels", ""), Channel.values, "unknown_channel")
    if "email" in channels and not email:
        raise Rejected("email_channel_without_email", record.get("channels", ""), "the email channel needs an email")
    if "sms" in channels and not phone:
        raise Rejected("sms_channel_without_phone", record.get("channels", ""), "the sms channel needs a phone")
    evidence = (record.get("opt_in_evidence") or "").strip()
    if not evidence:
        raise Rejected("no_evidence", "", "give the opt-in evidence: consent cannot be carried over without it")
    return Row(line, email, phone, postcode, lsoa, ward, topics, providers, channels, _when(record), evidence[:300])


def _store(row: Row, file_name: str) -> bool:
    """Create or update the member; True when they were new."""
    query = Q(email=row.email) if row.email else Q(pk__in=[])
    if row.phone:
        query |= Q(phone=row.phone)
    member = Member.objects.filter(query).first()
    created = member is None
    if member is None:
        member = Member.objects.create(
            email=row.email or None,
            phone=row.phone or None,
            postcode=row.postcode,
            lsoa_code=row.lsoa_code,
            ward_code=row.ward_code,
            source=MemberSource.IMPORT,
        )
    elif member.erased_at is not None:
        raise Rejected("erased", row.email or row.phone, "this person asked for their details to be deleted")
    AreaOfInterest.objects.get_or_create(member=member, lsoa_code=row.lsoa_code, reason="home")
    have = set(member.topics.values_list("topic", flat=True))
    MemberTopic.objects.bulk_create([MemberTopic(member=member, topic=t) for t in row.topics if t not in have])
    ever = set(member.consents.values_list("provider", flat=True))
    for provider in row.providers:
        if provider not in ever:  # never revive a withdrawn consent
            ProviderConsent.objects.create(
                member=member,
                provider=provider,
                wording_version=IMPORTED_WORDING,
                wording=f"Consent carried over from {file_name}: {row.evidence}",
                given_at=row.opted_in_at,
                evidence=row.evidence,
            )
    for channel in row.channels:
        Subscription.objects.get_or_create(
            member=member,
            channel=channel,
            defaults={"confirmed_at": row.opted_in_at, "confirmation_evidence": row.evidence},
        )
    return created


def read_records(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    text = path.read_bytes().decode("utf-8-sig")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    reader.fieldnames = header
    return header, [(reader.line_num, {k: (v or "") for k, v in rec.items() if k}) for rec in reader]


def import_members(path: Path, *, user: object = None) -> ImportReport:
    """Import a members file; a file that stores nothing is refused (nothing is written)."""
    report = ImportReport(file=path.name)
    header, records = read_records(path)
    report.ignored_columns = [h for h in header if h not in COLUMNS]
    report.missing_columns = [
        c for c in ("email", "phone", "lsoa_code", "providers", "channels", "opted_in_at") if c not in header
    ]
    seen: set[str] = set()
    with transaction.atomic():
        for line, record in records:
            report.rows_read += 1
            try:
                row = parse_row(line, record)
                keys = {k for k in (row.email, row.phone) if k}
                if keys & seen:
                    raise Rejected("duplicate_in_file", row.email or row.phone, "the same person is on an earlier line")
                seen |= keys
                with transaction.atomic():
                    created = _store(row, path.name)
            except Rejected as rejected:
                report.rejections.append((line, rejected.rule, rejected.value[:200], rejected.message))
                continue
            report.imported += 1
            report.updated += not created
        if report.imported == 0:
            transaction.set_rollback(True)
            return report
        run = MemberImport.objects.create(
            file_name=path.name,
            sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
            rows_read=report.rows_read,
            rows_imported=report.imported,
            rows_updated=report.updated,
            rows_rejected=report.rejected,
            ignored_columns=report.ignored_columns,
        )
        MemberImportRejection.objects.bulk_create(
            [
                MemberImportRejection(run=run, line=ln, rule=r, value=v, message=m[:300])
                for ln, r, v, m in report.rejections
            ]
        )
        report.run_id = run.pk
        record_event(
            MembersImported(
                file=path.name, rows_read=report.rows_read, rows_imported=report.imported, rows_rejected=report.rejected
            ),
            actor=user,
            obj=run,
        )
    return report
