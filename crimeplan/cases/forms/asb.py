"""Recording an ASB complaint."""

from __future__ import annotations

from crimeplan.cases.forms.common import DateField, long_text, text
from crimeplan.cases.forms.referrals import PersonFields


class AsbIncidentForm(PersonFields):
    """The victim (a person), where and when, and what happened."""

    incident_address = text("Address where it happened", max_length=300, hint="First line and town")
    incident_postcode = text("Postcode where it happened", max_length=10)
    occurred_on = DateField(label="Date it happened", past=True)
    reported_on = DateField(label="Date it was reported", past=True)
    description = long_text("What happened")
    reference = text("Your reference", required=False, max_length=50)
