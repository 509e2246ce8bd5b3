"""The case work models, one module per area; import them from here."""

from crimeplan.cases.models.asb import AsbIncident, AsbReview
from crimeplan.cases.models.cases import Case, ReferralSource, StatusChange, TeamMember, TimelineEntry
from crimeplan.cases.models.config import AsbPolicy, FundedProject, NeedDomain, OutcomeScale, Programme, Service
from crimeplan.cases.models.people import Person, Rectification
from crimeplan.cases.models.reoffending import (
    Cohort,
    CohortMember,
    OffenceImport,
    OffenceImportRejection,
    ProvenOffence,
    StartEvent,
)
from crimeplan.cases.models.sharing import ApiKey, ConsentRecord, InformationSharingAgreement, LawfulException
from crimeplan.cases.models.support import (
    Intervention,
    NeedAssessment,
    NeedRating,
    OutcomeScore,
    PlanAction,
    Volunteer,
    VolunteerHours,
    VolunteerMatch,
)

__all__ = [
    "ApiKey",
    "AsbIncident",
    "AsbPolicy",
    "AsbReview",
    "Case",
    "Cohort",
    "CohortMember",
    "ConsentRecord",
    "FundedProject",
    "InformationSharingAgreement",
    "Intervention",
    "LawfulException",
    "NeedAssessment",
    "NeedDomain",
    "NeedRating",
    "OffenceImport",
    "OffenceImportRejection",
    "OutcomeScale",
    "OutcomeScore",
    "Person",
    "PlanAction",
    "Programme",
    "ProvenOffence",
    "Rectification",
    "ReferralSource",
    "Service",
    "StartEvent",
    "StatusChange",
    "TeamMember",
    "TimelineEntry",
    "Volunteer",
    "VolunteerHours",
    "VolunteerMatch",
]
