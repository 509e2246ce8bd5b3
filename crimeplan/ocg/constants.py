"""The organised-crime register's vocabulary: markets, roles, grading, handling codes."""

from __future__ import annotations

from django.db import models


class HandlingCode(models.TextChoices):
    """Government Security Classification marking every register item carries."""

    OFFICIAL = "official", "OFFICIAL"
    OFFICIAL_SENSITIVE = "official-sensitive", "OFFICIAL-SENSITIVE"


class Market(models.TextChoices):
    DRUGS = "drugs", "Drugs supply and county lines"
    MODERN_SLAVERY = "modern-slavery", "Modern slavery and human trafficking"
    CSE = "cse", "Child sexual exploitation"
    FRAUD_CYBER = "fraud-cyber", "Fraud and cyber"
    FIREARMS = "firearms", "Firearms"
    ACQUISITIVE = "acquisitive", "Organised acquisitive crime"
    MONEY_LAUNDERING = "money-laundering", "Money laundering"


class GroupStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    DORMANT = "dormant", "Dormant"
    DISRUPTED = "disrupted", "Disrupted"
    ARCHIVED = "archived", "Archived"


class Role(models.TextChoices):
    PRINCIPAL = "principal", "Principal"
    SIGNIFICANT = "significant", "Significant"
    PERIPHERAL = "peripheral", "Peripheral"
    FACILITATOR = "facilitator", "Facilitator"
    VICTIM = "victim-exploited", "Victim (exploited)"


class EntityKind(models.TextChoices):
    VEHICLE = "vehicle", "Vehicle"
    BUSINESS = "business", "Business"
    PHONE = "phone", "Phone"
    PREMISES = "premises", "Premises"


class LinkKind(models.TextChoices):
    FAMILY = "family", "Family"
    CO_OFFENDING = "co-offending", "Co-offending"
    COMMUNICATION = "communication", "Communication"
    FINANCIAL = "financial", "Financial"
    MEETING = "meeting", "Meeting"


class SourceEvaluation(models.TextChoices):
    """3x5x2: how far the source can be trusted."""

    RELIABLE = "1", "1 Reliable"
    UNTESTED = "2", "2 Untested"
    NOT_RELIABLE = "3", "3 Not reliable"


class IntelligenceAssessment(models.TextChoices):
    """3x5x2: how far the item itself is known to be true."""

    KNOWN = "A", "A Known directly to the source"
    INDIRECT_CORROBORATED = "B", "B Known indirectly, corroborated"
    INDIRECT = "C", "C Known indirectly"
    NOT_KNOWN = "D", "D Not known"
    SUSPECTED_FALSE = "E", "E Suspected to be false"


class SharingCondition(models.TextChoices):
    """3x5x2 handling: may the item be shared lawfully without further conditions."""

    PERMITTED = "P", "P Lawful sharing permitted"
    CONDITIONS = "C", "C Lawful sharing permitted subject to conditions"


class DisruptionKind(models.TextChoices):
    ARREST = "arrest", "Arrest"
    CHARGE = "charge", "Charge"
    SEIZURE = "seizure", "Seizure"
    CIVIL_ORDER = "civil-order", "Civil order"
    CLOSURE_ORDER = "closure-order", "Closure order"
    LICENSING = "licensing", "Licensing action"
    TAX = "tax", "Tax action"
    SAFEGUARDING = "safeguarding", "Safeguarding of victims"


class DisruptionGrade(models.TextChoices):
    MINOR = "minor", "Minor"
    MODERATE = "moderate", "Moderate"
    MAJOR = "major", "Major"


class Strand(models.TextChoices):
    PURSUE = "pursue", "Pursue"
    PREVENT = "prevent", "Prevent"
    PROTECT = "protect", "Protect"
    PREPARE = "prepare", "Prepare"


NETWORK_FORMATS = (("edges", "Edges CSV"), ("adjacency", "Adjacency-matrix CSV"), ("graphml", "GraphML"))


class SharedField(models.TextChoices):
    """What a sharing rule lets a partner organisation see of a group."""

    PREMISES = "premises", "Premises"
    BUSINESSES = "businesses", "Businesses"
    VEHICLES = "vehicles", "Vehicles"
    PHONES = "phones", "Phones"
    NOMINALS = "nominals", "Nominals (references and roles)"
    INTELLIGENCE = "intelligence", "Links and their intelligence grading"


#: Entity kinds each shared field releases.
ENTITY_FIELDS = {"premises": "premises", "businesses": "business", "vehicles": "vehicle", "phones": "phone"}


class NrmRoute(models.TextChoices):
    """How a first responder records a potential victim of modern slavery."""

    NRM = "nrm", "Referral to the National Referral Mechanism"
    DUTY_TO_NOTIFY = "dtn", "Duty to Notify (anonymous notification, adult who did not consent)"


class Exploitation(models.TextChoices):
    """Exploitation types as the Home Office NRM statistics name them."""

    SEXUAL = "sexual", "Sexual"
    LABOUR = "labour", "Labour"
    CRIMINAL = "criminal", "Criminal"
    DOMESTIC = "domestic", "Domestic"
    ORGAN_HARVESTING = "organ-harvesting", "Organ harvesting"
    NOT_KNOWN = "not-known", "Not specified or unknown"


class CrimeSource(models.TextChoices):
    """What a crime linked to a group is: a police.uk category in a month and LSOA, or a recorded offence."""

    POLICE_UK = "policeuk", "police.uk category, month and LSOA"
    RECORDED = "recorded", "Recorded offence with its own CCHI days"


class ProtectKind(models.TextChoices):
    """Protect actions that are counted for the plan (cybercrime and fraud)."""

    NONE = "", "Other action"
    CYBER_CHOICES = "cyber-choices", "Cyber Choices referral (youth diversion)"
    OUTREACH = "protect-outreach", "Protect outreach (businesses and charities)"


#: Action Fraud / Report Fraud crime reference: NFRC, two-digit year, two-digit month, eight digits.
REPORT_FRAUD_PATTERN = r"^NFRC\d{2}(0[1-9]|1[0-2])\d{8}$"
