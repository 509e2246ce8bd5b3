"""The engagement vocabulary: channels, providers, topics, priorities and states (one place each)."""

from __future__ import annotations

from django.db import models

from crimeplan.analytics.representativeness import AGE_BAND_LABELS, ETHNIC_GROUPS

#: The optional equality questions (sign-up, the member's own page, the PACT ballot): the census's age bands
#: (16 and over) and broad ethnic groups, or "Prefer not to say". Blank means not answered.
PREFER_NOT = "prefer_not"
_PREFER_NOT_ANSWER = (PREFER_NOT, "Prefer not to say")
AGE_BAND_ANSWERS = [
    *((label, label.replace("-", " to ").replace("+", " or over")) for label in AGE_BAND_LABELS),
    _PREFER_NOT_ANSWER,
]
ETHNICITY_ANSWERS = [*ETHNIC_GROUPS.items(), _PREFER_NOT_ANSWER]


class MemberKind(models.TextChoices):
    RESIDENT = "resident", "Resident"
    BUSINESS = "business", "Business"


class MemberSource(models.TextChoices):
    SIGNUP = "signup", "Signed up online"
    IMPORT = "import", "Moved from another platform"
    EXAMPLE = "example", "Example (demonstration data)"
    GENERATED = "generated", "Generated (benchmark data)"


class Channel(models.TextChoices):
    EMAIL = "email", "Email"
    SMS = "sms", "Text message (SMS)"


class Provider(models.TextChoices):
    """Who may message a member: each needs the member's own consent."""

    POLICE = "police", "Police"
    OPCC = "opcc", "Office of the Police and Crime Commissioner"
    COUNCIL = "council", "Council"
    NEIGHBOURHOOD_WATCH = "neighbourhood-watch", "Neighbourhood Watch"
    FIRE = "fire", "Fire and rescue service"


class Topic(models.TextChoices):
    BURGLARY = "burglary", "Burglary"
    SCAMS = "scams", "Scams and fraud"
    ROAD_SAFETY = "road-safety", "Road safety"
    ASB = "asb", "Anti-social behaviour"
    HATE_CRIME = "hate-crime", "Hate crime"
    MISSING_PERSON = "missing-person", "Missing person appeals"
    VEHICLE_CRIME = "vehicle-crime", "Vehicle crime"
    COMMUNITY = "community", "Community news and meetings"


class Priority(models.IntegerChoices):
    """An alert's priority; a member's threshold is the lowest priority they want."""

    LOW = 1, "Low (news and advice)"
    NORMAL = 2, "Normal"
    HIGH = 3, "High (urgent: needs a second person's approval)"


class AreaReason(models.TextChoices):
    HOME = "home", "Where they live or work"
    WARD = "ward", "A ward they chose"
    LSOA = "lsoa", "A neighbourhood they chose"
    RADIUS = "radius", "Within a distance of their point"


class AlertStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    AWAITING_APPROVAL = "awaiting_approval", "Awaiting approval"
    SCHEDULED = "scheduled", "Scheduled"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    CANCELLED = "cancelled", "Cancelled"


class TargetKind(models.TextChoices):
    WARD = "ward", "Ward"
    LSOA = "lsoa", "LSOA"
    CSP = "csp", "Community Safety Partnership"
    POLYGON = "polygon", "A drawn area (GeoJSON polygon)"
    RADIUS = "radius", "Within a distance of a point"


class DeliveryState(models.TextChoices):
    QUEUED = "queued", "Queued"
    SENDING = "sending", "Sending (claimed by a worker)"
    HANDING_OVER = "handing_over", "Handing over to the provider"
    SENT = "sent", "Sent"
    DELIVERED = "delivered", "Delivered"
    FAILED = "failed", "Failed"


class ReplyKind(models.TextChoices):
    UNTRIAGED = "untriaged", "Not yet triaged"
    FEEDBACK = "feedback", "Feedback"
    INFORMATION = "information", "Information"


#: The wording a member agrees to, by version: a consent record names the version it was given under.
CONSENT_WORDING = {
    "2026-1": (
        "I agree that {provider} may send me the alerts I have chosen, by the channels I have confirmed, "
        "about the areas and topics I have chosen. I can change this or withdraw at any time from the link "
        "in every message."
    ),
}
CURRENT_WORDING = "2026-1"
IMPORTED_WORDING = "imported"  # consent carried over from another platform, with its evidence
SMS_LENGTH = 160

#: Alert templates: ``((area))``, ``((provider))`` and ``((date))`` are filled in when the alert is composed.
ALERT_TEMPLATES = {
    "burglary": (
        "Burglaries in ((area))",
        "There have been burglaries in ((area)) recently. Lock doors and windows, even when you are at home, and "
        "keep keys out of sight. If you see anything suspicious, call 101, or 999 in an emergency.",
    ),
    "scams": (
        "Scam warning for ((area))",
        "People in ((area)) have been called by someone claiming to be from their bank. Your bank will never ask "
        "you to move money. Hang up and call the number on your card.",
    ),
    "missing-person": (
        "Can you help find a missing person in ((area))?",
        "We are looking for a missing person last seen in ((area)) on ((date)). If you have seen them, call 101 "
        "quoting the reference in this message.",
    ),
    "meeting": (
        "Your neighbourhood meeting in ((area))",
        "Your neighbourhood team is meeting residents of ((area)). Come and tell us what matters to you.",
    ),
}
