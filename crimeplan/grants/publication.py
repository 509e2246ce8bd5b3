"""What is published: the transparency list of crime-and-disorder grants and the 360Giving export.

The Elected Local Policing Bodies (Specified Information) Order 2011 (SI 2011/3050, Schedule 1,
paragraph 4) asks a Commissioner to publish each crime and disorder reduction grant: the recipient,
the amount, the purpose, any conditions and the reasons for making it. ``transparency_rows`` gives
exactly that, for every award made in a month or ever. ``package`` turns the same awards into a
360Giving data package, validated against the 360Giving JSON schema shipped in ``data/360giving/``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet
from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry
from referencing.jsonschema import DRAFT4

from crimeplan.analytics.months import parse_month
from crimeplan.core.exceptions import ApplicationError
from crimeplan.geography.models import CommunitySafetyPartnership, Lsoa, Ward
from crimeplan.grants.constants import AreaLevel, OrganisationType
from crimeplan.grants.identifiers import org_id
from crimeplan.grants.models import Award

SCHEMA_DIR = Path(settings.SHIPPED_DATA_DIR) / "360giving"
GRANT_SCHEMA = SCHEMA_DIR / "360-giving-schema.json"
PACKAGE_SCHEMA = SCHEMA_DIR / "360-giving-package-schema.json"
#: The address the package schema uses for the grant schema; resolved to the shipped file, never fetched.
GRANT_SCHEMA_URL = "https://raw.githubusercontent.com/ThreeSixtyGiving/standard/master/schema/360-giving-schema.json"
TRANSPARENCY_COLUMNS = [
    "Reference",
    "Date awarded",
    "Fund",
    "Recipient",
    "Recipient identifier",
    "Amount (GBP)",
    "Purpose",
    "Conditions",
    "Reasons",
    "Area served",
    "Example record",
]
GEO_TYPES = {AreaLevel.CSP: "CSP", AreaLevel.WARD: "WD", AreaLevel.LSOA: "LSOA"}


def in_month(awards: QuerySet[Award], month: str | None) -> QuerySet[Award]:
    """The awards made in ``month`` (YYYY-MM), all of them when it is empty.

    Anything else is an ``ApplicationError`` on the field ``month`` saying how to write one.
    """
    if not month:
        return awards
    try:
        year, number = parse_month(month)
    except ValueError as exc:
        raise ApplicationError(f"{exc}.", field="month") from exc
    return awards.filter(awarded_on__year=year, awarded_on__month=number)


def published_awards(month: str | None = None) -> QuerySet[Award]:
    """Awards in the order made, with what publication needs; ``month`` (YYYY-MM) limits to one month."""
    awards = Award.objects.select_related("application__round__fund", "application__decision").order_by(
        "awarded_on", "id"
    )
    return in_month(awards, month)


def recipient_id(award: Award) -> str:
    app = award.application
    return org_id(
        org_type=app.org_type,
        charity=app.charity_number,
        company=app.company_number,
        fallback=f"{settings.GRANTS_360_PREFIX}-ORG-{app.pk}",
    )


def area_names(level: str, codes: list[str]) -> list[tuple[str, str]]:
    """(code, name) of each area served, in the order given."""
    names: dict[str, str]
    if level == AreaLevel.CSP:
        names = dict(CommunitySafetyPartnership.objects.filter(code__in=codes).values_list("code", "name"))
    elif level == AreaLevel.WARD:
        names = dict(Ward.objects.filter(code__in=codes).values_list("code", "name"))
    else:
        names = dict(Lsoa.objects.filter(code__in=codes).values_list("code", "name"))
    return [(code, names.get(code, code)) for code in codes]


def transparency_rows(month: str | None = None) -> list[dict[str, str]]:
    rows = []
    for award in published_awards(month):
        app, decision = award.application, award.application.decision
        rows.append(
            {
                "Reference": app.reference or "",
                "Date awarded": award.awarded_on.isoformat(),
                "Fund": str(app.round.fund),
                "Recipient": app.org_name,
                "Recipient identifier": recipient_id(award),
                "Amount (GBP)": f"{award.amount:.2f}",
                "Purpose": f"{app.title}: {app.summary}",
                "Conditions": decision.conditions or "None beyond the standard grant terms",
                "Reasons": decision.reasons,
                "Area served": "; ".join(name for _, name in area_names(app.area_level, list(app.area_codes))),
                "Example record": "yes" if app.is_example else "no",
            }
        )
    return rows


def transparency_csv(rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=TRANSPARENCY_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def grant(award: Award) -> dict[str, Any]:
    """One award as a 360Giving grant."""
    app, fund = award.application, award.application.round.fund
    recipient: dict[str, Any] = {"id": recipient_id(award), "name": app.org_name, "postalCode": app.org_postcode}
    if app.charity_number:
        recipient["charityNumber"] = app.charity_number
    if app.company_number:
        recipient["companyNumber"] = app.company_number
    if app.org_type == OrganisationType.COMMUNITY_GROUP:
        recipient["organisationType"] = "Community Group"
    found: dict[str, Any] = {
        "id": f"{settings.GRANTS_360_PREFIX}-{app.reference}",
        "title": app.title,
        "description": app.summary,
        "currency": "GBP",
        "amountAppliedFor": float(app.requested),
        "amountAwarded": float(award.amount),
        "amountDisbursed": float(award.paid_total),
        "awardDate": award.awarded_on.isoformat(),
        "recipientOrganization": [recipient],
        "fundingOrganization": [{"id": settings.FUNDER_ID, "name": settings.FUNDER_NAME}],
        "grantProgramme": [{"code": f"{fund.slug}-{fund.financial_year}", "title": str(fund)}],
        "fromOpenCall": "Yes",
        "beneficiaryLocation": [
            {
                "name": name,
                "geoCode": code,
                "geoCodeType": GEO_TYPES.get(AreaLevel(app.area_level), ""),
                "countryCode": "GB",
            }
            for code, name in area_names(app.area_level, list(app.area_codes))
        ],
        "dateModified": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
    }
    if app.start_date and app.end_date:
        found["plannedDates"] = [{"startDate": app.start_date.isoformat(), "endDate": app.end_date.isoformat()}]
    return found


def package(awards: QuerySet[Award]) -> dict[str, Any]:
    today = dt.date.today().isoformat()
    return {
        "grants": [grant(a) for a in awards],
        "version": "1.0",
        "title": f"Grants made by the {settings.FUNDER_NAME}",
        "issued": today,
        "modified": today,
        "publisher": {"identifier": settings.FUNDER_ID, "name": settings.FUNDER_NAME},
        "license": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
    }


@lru_cache(maxsize=1)
def checked_package(month: str | None = None) -> dict[str, Any]:
    """The 360Giving package of the awards made in ``month`` (all when empty), valid against the schema.

    No award in the period is an ``ApplicationError`` (404); a package the schema refuses means the
    funder's identifiers are misconfigured (``ImproperlyConfigured``).
    """
    data = package(published_awards(month))
    if not data["grants"]:
        raise ApplicationError(
            "No grants have been awarded in that period, so there is nothing to publish.", status=404
        )
    errors = validation_errors(data)
    if errors:
        raise ImproperlyConfigured(
            "The 360Giving data does not conform to its schema (check CRIMEPLAN_FUNDER_ID and "
            f"CRIMEPLAN_360_PREFIX): {errors[:3]}"
        )
    return data


def _validator() -> Draft4Validator:
    grant_schema = json.loads(GRANT_SCHEMA.read_text(encoding="utf-8"))
    registry: Registry[Any] = Registry().with_resource(GRANT_SCHEMA_URL, DRAFT4.create_resource(grant_schema))
    schema = json.loads(PACKAGE_SCHEMA.read_text(encoding="utf-8"))
    return Draft4Validator(schema, registry=registry, format_checker=FormatChecker())


def validation_errors(data: dict[str, Any]) -> list[str]:
    """Every way ``data`` breaks the 360Giving package schema (empty when it conforms)."""
    return [
        f"{'/'.join(str(p) for p in error.absolute_path) or '(package)'}: {error.message}"
        for error in sorted(_validator().iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    ]


def _titles() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(GRANT_SCHEMA.read_text(encoding="utf-8"))
    return schema


def flat_columns() -> list[tuple[str, str | None, str]]:
    """(field, sub-field, column title) for the 360Giving spreadsheet, titles taken from the shipped schema."""
    schema = _titles()
    props, definitions = schema["properties"], schema["definitions"]
    columns: list[tuple[str, str | None, str]] = []
    for name in (
        "id",
        "title",
        "description",
        "currency",
        "amountAppliedFor",
        "amountAwarded",
        "amountDisbursed",
        "awardDate",
        "fromOpenCall",
        "dateModified",
    ):
        columns.append((name, None, props[name].get("title") or definitions["currency"]["title"]))
    for name in (
        "plannedDates",
        "recipientOrganization",
        "fundingOrganization",
        "grantProgramme",
        "beneficiaryLocation",
    ):
        definition = definitions[props[name]["items"]["$ref"].rsplit("/", 1)[1]]
        for sub in props[name]["rollUp"]:
            columns.append((name, sub, f"{props[name]['title']}:{definition['properties'][sub]['title']}"))
    return columns


def threesixty_csv(data: dict[str, Any]) -> str:
    """The package as 360Giving's one-row-per-grant CSV (the first item of each list, as the standard's rollUp)."""
    columns = flat_columns()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([title for _, _, title in columns])
    for item in data["grants"]:
        row = []
        for name, sub, _ in columns:
            value = item.get(name)
            if sub is not None:
                value = value[0].get(sub) if value else None
            row.append("" if value is None else value)
        writer.writerow(row)
    return out.getvalue()
