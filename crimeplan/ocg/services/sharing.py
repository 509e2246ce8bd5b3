"""Redacted export packages for partner organisations, under the case-work sharing agreements.

A partner sees a group only through a :class:`SharingRule` whose agreement is in force and names the
partner's organisation; the package holds only the rule's fields and only OFFICIAL items, records the
purpose and legal gateway in its header, and every export is audited. Anything else is "not found".
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from crimeplan.audit.services import record_event
from crimeplan.cases.selectors.agreements import AgreementTerms, agreement_in_force
from crimeplan.ocg.constants import ENTITY_FIELDS, HandlingCode, SharedField
from crimeplan.ocg.events import PackageExported
from crimeplan.ocg.models import OrganisedCrimeGroup, SharingRule

COLUMNS = ["section", "reference", "kind", "detail", "grading"]
FORMATS = ("csv", "pdf")


@dataclass(frozen=True)
class Package:
    group: OrganisedCrimeGroup
    terms: AgreementTerms
    fields: tuple[str, ...]
    rows: list[list[str]]


def _rule_for(user: Any, group: OrganisedCrimeGroup) -> tuple[SharingRule, AgreementTerms] | None:
    organisation = getattr(user, "organisation", None)
    if organisation is None:
        return None
    today = timezone.localdate()
    for rule in SharingRule.objects.filter(organisation=organisation, groups=group):
        terms = agreement_in_force(pk=rule.agreement_id, organisation=organisation, on=today)
        if terms is not None:
            return rule, terms
    return None


def _rows(group: OrganisedCrimeGroup, fields: list[str]) -> list[list[str]]:
    official = {"handling_code": HandlingCode.OFFICIAL}
    kinds = [ENTITY_FIELDS[f] for f in fields if f in ENTITY_FIELDS]
    rows = [
        ["entity", str(e.pk), e.get_kind_display(), e.label, ""]
        for e in group.entities.filter(kind__in=kinds, **official)
    ]
    if SharedField.NOMINALS in fields:
        rows += [["nominal", n.reference, n.get_role_display(), "", ""] for n in group.nominals.filter(**official)]
    if SharedField.INTELLIGENCE in fields:
        rows += [
            ["link", f"{x.source}–{x.target}", x.get_kind_display(), x.origin, x.grading]
            for x in group.links.filter(**official)
        ]
    return rows


def shared_package(*, user: Any, reference: str) -> Package:
    """What ``user``'s organisation may see of the group, or 404 exactly as for a missing group."""
    group = OrganisedCrimeGroup.objects.filter(reference=reference, handling_code=HandlingCode.OFFICIAL).first()
    found = _rule_for(user, group) if group is not None else None
    if group is None or found is None:
        raise Http404("No group found")
    rule, terms = found
    return Package(group=group, terms=terms, fields=tuple(rule.fields), rows=_rows(group, rule.fields))


def export_package(*, user: Any, reference: str, purpose: str, file_format: str = "csv") -> bytes | str:
    """The redacted package as CSV (header lines) or PDF, each carrying purpose and legal gateway; audited."""
    if len(purpose.strip()) < 10:
        raise ValidationError("Say why you need this package (at least 10 characters)", code="purpose")
    if file_format not in FORMATS:
        raise ValidationError(f"Choose a format: {', '.join(FORMATS)}", code="format")
    package = shared_package(user=user, reference=reference)
    exported = timezone.now()
    if file_format == "pdf":
        body: bytes | str = _pdf(package, purpose.strip(), exported, str(user))
    else:
        body = _csv(package, purpose.strip(), exported, str(user))
    event = PackageExported(
        reference=reference,
        agreement=package.terms.title,
        legal_gateway=package.terms.legal_gateway,
        fields=list(package.fields),
        rows=len(package.rows),
        file_format=file_format,
    )
    record_event(event, actor=user, obj=package.group, purpose=purpose.strip())
    return body


def _csv(package: Package, purpose: str, exported: datetime, who: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerows(
        [
            ["# group", package.group.reference, package.group.name],
            ["# agreement", package.terms.title],
            ["# legal gateway", package.terms.legal_gateway],
            ["# purpose", purpose],
            ["# exported", exported.isoformat(timespec="seconds"), who],
            COLUMNS,
            *package.rows,
        ]
    )
    return out.getvalue()


def _pdf(package: Package, purpose: str, exported: datetime, who: str) -> bytes:
    """The same package as a tagged PDF: the same rows, under the same header (one service, two formats)."""
    from crimeplan.core.pdf import render_pdf

    context = {"package": package, "purpose": purpose, "exported": exported, "who": who, "columns": COLUMNS}
    return render_pdf("ocg/shared_package_pdf.html", context)
