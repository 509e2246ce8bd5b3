"""The referral package sent to the police: one report as JSON or CSV, with a documented field list.

Only reports whose reporter agreed to the police seeing them are packaged. Fields, in order:

========================  =====================================================================
field                     meaning
========================  =====================================================================
crimeplan_id              the report's number in crimeplan (quote it back with your reference)
received_at               when the report arrived (ISO 8601, UTC)
reporter                  victim, witness or third_party
via                       public, centre or api; centre names the third-party reporting centre
occurred_on               the date it happened (YYYY-MM-DD)
place                     postcode, LSOA code, or "online: <platform>"
strands                   monitored and local strands, perception-based, separated by ";"
incident_kind             crime, non_crime or not_sure (the reporter's view)
description               what happened, in the reporter's words
offender                  the person responsible, if known
risk_flags                repeat victim; vulnerability; ongoing threat; online
contact_name, email,      the reporter's contact details (blank when anonymous)
phone
========================  =====================================================================
"""

from __future__ import annotations

import csv
import io
from typing import Any

from crimeplan.reporting.models import Report
from crimeplan.reporting.selectors import risk_flags

FIELDS = (
    "crimeplan_id",
    "received_at",
    "reporter",
    "via",
    "centre",
    "occurred_on",
    "place",
    "strands",
    "incident_kind",
    "description",
    "offender",
    "risk_flags",
    "contact_name",
    "email",
    "phone",
)


def package(report: Report) -> dict[str, Any]:
    """The report as the police receive it."""
    if not report.consent_police:
        raise ValueError("the reporter did not agree to the police seeing this report")
    return {
        "crimeplan_id": report.pk,
        "received_at": report.created_at.isoformat(),
        "reporter": report.reporter,
        "via": report.via,
        "centre": str(report.centre or ""),
        "occurred_on": report.occurred_on.isoformat(),
        "place": f"online: {report.online_platform}" if report.online_platform else report.postcode or report.lsoa_code,
        "strands": ";".join(report.strands.values_list("slug", flat=True)),
        "incident_kind": report.incident_kind,
        "description": report.description,
        "offender": report.offender,
        "risk_flags": ";".join(risk_flags(report)),
        "contact_name": report.contact_name,
        "email": report.email,
        "phone": report.phone,
    }


def as_csv(report: Report) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS)
    writer.writeheader()
    writer.writerow(package(report))
    return out.getvalue()
