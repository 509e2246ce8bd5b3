"""Suggested alert drafts: a ward whose crime rose significantly on a year before gets a draft for staff to
edit — never sent without a person composing and sending it."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError

from crimeplan.engagement.constants import TargetKind
from crimeplan.engagement.models import Alert
from crimeplan.engagement.services import alerts
from crimeplan.performance import selectors as performance

#: Crime types a rise in which members can act on, and the topic and template that fit.
WATCHED = {
    "Burglary": ("burglary", "burglary"),
    "Vehicle crime": ("vehicle-crime", "burglary"),
    "Anti-social behaviour": ("asb", "meeting"),
}


def suggestions() -> list[dict[str, object]]:
    return performance.significant_ward_rises(settings.DEFAULT_FORCE, list(WATCHED))


def draft_from_suggestion(*, user: object, ward: str) -> Alert:
    found = [s for s in suggestions() if s["ward"] == ward]
    if not found:
        raise ValidationError("That ward has no significant rise to suggest an alert for.", code="no_suggestion")
    top = found[0]
    crime_type = str(top["crime_type"])
    topic, template = WATCHED[crime_type]
    subject, body = alerts.from_template(template, area=str(top["ward_name"]), provider="police")
    reason = (
        f"{crime_type} in {top['ward_name']}: {top['count']} in {top['period']} against {top['year_before']} "
        f"a year before (p = {top['p_value']:.3g})"
    )
    return alerts.create_alert(
        user=user,
        provider="police",
        subject=subject,
        body=body,
        topics=[topic],
        target_kind=TargetKind.WARD,
        target_code=ward,
        suggested_from=reason[:200],
    )
