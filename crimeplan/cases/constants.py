"""Vocabularies of the case work app: statuses and their transitions, data categories, scales."""

from __future__ import annotations

from django.db import models


class ProgrammeKind(models.TextChoices):
    EARLY_ACTION = "early_action", "Early Action"
    IOM = "iom", "Integrated Offender Management"
    ASB_REVIEW = "asb_review", "Anti-social behaviour case review"
    OTHER = "other", "Other programme"


class IomCohort(models.TextChoices):
    FIXED = "fixed", "Fixed"
    FLEX = "flex", "Flex"
    FREE = "free", "Free"


class Status(models.TextChoices):
    REFERRED = "referred", "Referred"
    SCREENED = "screened", "Screened"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    ACTIVE = "active", "Active"
    CLOSED = "closed", "Closed"


#: The status workflow: which status may follow which.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    Status.REFERRED: (Status.SCREENED,),
    Status.SCREENED: (Status.ACCEPTED, Status.DECLINED),
    Status.ACCEPTED: (Status.ACTIVE, Status.CLOSED),
    Status.ACTIVE: (Status.CLOSED,),
    Status.DECLINED: (),
    Status.CLOSED: (),
}
#: Moving into these statuses needs a reason in words.
REASON_REQUIRED = frozenset({Status.SCREENED, Status.ACCEPTED, Status.DECLINED, Status.CLOSED})
#: Cases in these statuses are finished: the retention clock starts when they got there.
FINISHED = frozenset({Status.DECLINED, Status.CLOSED})


class ReferralBasis(models.TextChoices):
    """Why the case may hold and share the person's information: their consent or another lawful basis."""

    CONSENT = "consent", "The person consented to the referral"
    PARENT_CONSENT = "parent_consent", "A parent or guardian consented (the person is under 18)"
    PUBLIC_TASK = "public_task", "Public task, without consent (UK GDPR Article 6(1)(e))"
    LAW_ENFORCEMENT = "law_enforcement", "Law enforcement, without consent (Data Protection Act 2018 Part 3)"
    VITAL_INTERESTS = "vital_interests", "To protect someone's life, without consent (UK GDPR Article 6(1)(d))"


#: Consent needs no reason; every other basis needs the reason consent was not the basis.
CONSENT_BASES = frozenset({ReferralBasis.CONSENT, ReferralBasis.PARENT_CONSENT})
ADULT_AGE = 18


class CloseReason(models.TextChoices):
    COMPLETED = "completed", "Support completed: goals met"
    PARTLY = "partly", "Support completed: some goals met"
    DISENGAGED = "disengaged", "The person stopped engaging"
    MOVED = "moved", "Moved out of the area"
    CUSTODY = "custody", "Went into custody"
    TRANSFERRED = "transferred", "Transferred to another service"
    DIED = "died", "Died"
    OTHER = "other", "Other reason"


class RiskLevel(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


class DataCategory(models.TextChoices):
    """What kind of personal data a record holds; sharing agreements list the kinds they cover."""

    IDENTITY = "identity", "Identity and contact details"
    CIRCUMSTANCES = "circumstances", "Needs, circumstances and support"
    OFFENDING = "offending", "Offending and anti-social behaviour"
    HEALTH = "health", "Health, including mental health and substance use"
    ETHNICITY = "ethnicity", "Ethnicity"
    SEXUAL_ORIENTATION = "sexual_orientation", "Sexual orientation"


#: Special category data (UK GDPR Article 9): hidden unless an agreement covers it.
SENSITIVE = frozenset({DataCategory.HEALTH, DataCategory.ETHNICITY, DataCategory.SEXUAL_ORIENTATION})


class LegalGateway(models.TextChoices):
    CDA_S115 = "cda_s115", "Crime and Disorder Act 1998, section 115"
    CDA_S17 = "cda_s17", "Crime and Disorder Act 1998, section 17"
    PUBLIC_TASK = "public_task", "UK GDPR Article 6(1)(e): public task"
    CONSENT = "consent", "UK GDPR Article 6(1)(a): consent"
    CARE_ACT = "care_act", "Care Act 2014, sections 6 and 42"
    CHILDREN_ACT = "children_act", "Children Act 2004, sections 10 and 11"
    ASB_ACT = "asb_act", "Anti-social Behaviour, Crime and Policing Act 2014, section 104"
    OTHER = "other", "Other (named in the agreement)"


class ConsentStatus(models.TextChoices):
    GIVEN = "given", "Given"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"


class Ethnicity(models.TextChoices):
    """The five broad groups of the 2021 Census (as police.uk's officer-defined ethnicity)."""

    ASIAN = "asian", "Asian, Asian British, Asian Welsh"
    BLACK = "black", "Black, Black British, Black Welsh, Caribbean or African"
    MIXED = "mixed", "Mixed or multiple ethnic groups"
    WHITE = "white", "White"
    OTHER = "other", "Other ethnic group"
    NOT_SAID = "not_said", "Prefer not to say"


class SexualOrientation(models.TextChoices):
    """The 2021 Census question's answers."""

    STRAIGHT = "straight", "Straight or heterosexual"
    GAY = "gay", "Gay or lesbian"
    BISEXUAL = "bisexual", "Bisexual"
    OTHER = "other", "Another sexual orientation"
    NOT_SAID = "not_said", "Prefer not to say"


class EntryKind(models.TextChoices):
    CONTACT = "contact", "Contact"
    NOTE = "note", "Note"
    ASSESSMENT = "assessment", "Assessment"
    ACTION = "action", "Action"
    INTERVENTION = "intervention", "Intervention"
    OUTCOME = "outcome", "Outcome"
    STATUS = "status", "Status change"
    SHARING = "sharing", "Consent and sharing"


class Stage(models.TextChoices):
    START = "start", "Start"
    REVIEW = "review", "Review"
    CLOSE = "close", "Close"


class NeedLevel(models.IntegerChoices):
    NONE = 0, "No need"
    LOW = 1, "Low need"
    MEDIUM = 2, "Medium need"
    HIGH = 3, "High need"


#: A need at this level or above counts as "a need" in the Board report.
NEED_THRESHOLD = NeedLevel.MEDIUM


class ActionStatus(models.TextChoices):
    OPEN = "open", "Open"
    DONE = "done", "Done"
    CANCELLED = "cancelled", "Cancelled"


class InterventionStatus(models.TextChoices):
    REFERRED = "referred", "Referred"
    STARTED = "started", "Started"
    COMPLETED = "completed", "Completed"
    NOT_TAKEN_UP = "not_taken_up", "Not taken up"


#: Interventions in these statuses count as delivered.
DELIVERED = frozenset({InterventionStatus.STARTED, InterventionStatus.COMPLETED})


class ServiceKind(models.TextChoices):
    SUBSTANCE_MISUSE = "substance_misuse", "Commissioned substance misuse service"
    FUNDED_PROJECT = "funded_project", "Funded project"
    STATUTORY = "statutory", "Statutory service"
    VOLUNTARY = "voluntary", "Voluntary or community service"


class Disposal(models.TextChoices):
    CONVICTION = "conviction", "Conviction"
    CAUTION = "caution", "Caution"


class OffenceSource(models.TextChoices):
    ENTERED = "entered", "Entered by staff"
    IMPORTED = "imported", "Imported from a file"


class AccessBasis(models.TextChoices):
    """Why someone can see a case (also the purpose recorded when they read it)."""

    OWNER = "owner", "Case work by the owning agency"
    TEAM = "team", "Multi-agency team working"
    AGREEMENT = "agreement", "Information sharing under an agreement"


#: Years a DBS check counts as current for matching a volunteer to a case.
DBS_VALID_YEARS = 3
#: A person's full record may be exported by whoever has this permission.
SUBJECT_ACCESS_PERMISSION = "cases.handle_subject_access"
#: Correcting a person's record needs this permission and the record's agency (or the subject access one).
RECTIFY_PERMISSION = "cases.rectify_person"
#: Recording an information sharing agreement (it opens cases to other agencies) needs this permission.
AGREEMENT_PERMISSION = "cases.add_informationsharingagreement"
#: The Reducing Reoffending Board report (aggregates only) needs this permission.
BOARD_PERMISSION = "cases.view_board_report"
