"""The vocabulary of hate-crime reporting: who reports, statuses, consents, strands and limits."""

from __future__ import annotations

from django.db import models

#: Tracking codes use letters and digits that cannot be mistaken for one another (no 0/O, 1/I/L).
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 12
DESCRIPTION_MAX = 5000
UPDATE_MAX = 2000
#: Wrong tracking codes allowed from one client in a minute; the next is refused with 429.
WRONG_CODES_PER_MINUTE = 15
#: Reports sent from one client in an hour through the public form or the anonymous API.
REPORTS_PER_HOUR = 10
#: Attachments: the types accepted, by the first bytes of the file, and the largest size.
ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024
ATTACHMENT_SIGNATURES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg", b"%PDF-": "application/pdf"}
#: Days a closed report is kept before its personal details are deleted (example records: same).
RETENTION_DAYS = 365
#: Reports within this many days and the same area are shown as possible duplicates.
DUPLICATE_WINDOW_DAYS = 3

#: The five strands police forces monitor nationally (Home Office), in the order the form shows them.
MONITORED_STRANDS = (
    ("disability", "Disability", "because of their disability, or a disability they are thought to have"),
    ("race", "Race", "because of their race, ethnicity, nationality or skin colour"),
    ("religion", "Religion or belief", "because of their religion or belief, or lack of one"),
    ("sexual_orientation", "Sexual orientation", "because of who they are attracted to"),
    ("transgender", "Transgender identity", "because they are, or are thought to be, transgender"),
)


class Reporter(models.TextChoices):
    VICTIM = "victim", "It happened to me"
    WITNESS = "witness", "I saw it happen"
    THIRD_PARTY = "third_party", "I am reporting for someone else"


class Status(models.TextChoices):
    RECEIVED = "received", "Received"
    BEING_LOOKED_AT = "being_looked_at", "Being looked at"
    PASSED_TO_POLICE = "passed_to_police", "Passed to the police"
    REFERRED_TO_SUPPORT = "referred_to_support", "Referred to support"
    CLOSED = "closed", "Closed"


class IncidentKind(models.TextChoices):
    CRIME = "crime", "I think it was a crime"
    NON_CRIME = "non_crime", "I think it was not a crime, but it was hostile"
    NOT_SURE = "not_sure", "I am not sure"


class Via(models.TextChoices):
    PUBLIC = "public", "Public form"
    API = "api", "API"
    CENTRE = "centre", "Third-party reporting centre"


class UpdateKind(models.TextChoices):
    STATUS = "status", "Status change"
    MESSAGE = "message", "Message from staff"
    REPORTER = "reporter", "Information added by the reporter"
    CONSENT = "consent", "Consent withdrawn"


#: Prompts from the Home Office Non-Crime Hate Incidents Code of Practice (2023), shown when a report may not
#: be a crime: personal data is recorded only where the threshold is met.
NCHI_PROMPTS = (
    "Is the incident clearly motivated by hostility towards a monitored characteristic, "
    "not simply perceived so by someone with no link to it?",
    "Is there a real risk of significant harm to people with that characteristic, or of a future criminal offence?",
    "Freedom of expression: is this lawful, if offensive, debate or opinion? If so, do not record it against a person.",
    "If the threshold is not met, keep the report for the area picture without the name of the person responsible.",
    "If a record is made, tell the person concerned unless that would put someone at risk.",
)
