"""Choices used by the grants models, forms and pages."""

from django.db import models


class FundKind(models.TextChoices):
    SMALL_GRANTS = "small_grants", "Small grants (open rounds)"
    GRANTS = "grants", "Grants (open rounds)"
    ALLOCATION = "allocation", "Allocation to Community Safety Partnerships"


class OrganisationType(models.TextChoices):
    CHARITY = "charity", "Registered charity (England and Wales)"
    SCOTTISH_CHARITY = "scottish_charity", "Registered charity (Scotland)"
    COMPANY = "company", "Charitable company or company limited by guarantee"
    CIC = "cic", "Community interest company"
    COMMUNITY_GROUP = "community_group", "Community or voluntary group (not registered)"
    PUBLIC_BODY = "public_body", "Public body (council, school, NHS)"
    BUSINESS = "business", "Business that distributes profits"


class Purpose(models.TextChoices):
    ACTIVITIES = "activities", "Running activities or sessions"
    STAFF = "staff", "Staff or volunteer costs"
    EQUIPMENT = "equipment", "Equipment or materials"
    CAPITAL = "capital", "Building works or buying property"
    CORE = "core", "Core running costs of the organisation"


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", "Not yet submitted"
    SUBMITTED = "submitted", "Submitted"
    ASSESSING = "assessing", "Being assessed"
    MODERATED = "moderated", "Ready for the panel"
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Not funded"
    WITHDRAWN = "withdrawn", "Withdrawn"


class AreaLevel(models.TextChoices):
    CSP = "csp", "Whole Community Safety Partnership areas"
    WARD = "ward", "Particular wards"
    LSOA = "lsoa", "Particular neighbourhoods (LSOAs)"


class Recommendation(models.TextChoices):
    FUND = "fund", "Fund"
    FUND_WITH_CONDITIONS = "conditions", "Fund with conditions"
    DO_NOT_FUND = "no", "Do not fund"


class DecisionOutcome(models.TextChoices):
    APPROVED = "approved", "Approve"
    DECLINED = "declined", "Decline"


class AwardStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    COMPLETED = "completed", "Completed"
    WITHDRAWN = "withdrawn", "Withdrawn"


class PaymentStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    PAID = "paid", "Paid"


class ReturnKind(models.TextChoices):
    INTERIM = "interim", "Interim"
    FINAL = "final", "Final"


class KpiMeasure(models.TextChoices):
    IN_TREATMENT = "in_treatment", "Number in treatment"
    SUCCESSFUL_COMPLETIONS = "successful_completions", "Successful completions"
    COMPLETION_RATE = "completion_rate", "Successful completions as a share of those in treatment (%)"
    CJS_REFERRALS = "cjs_referrals", "Referrals from the criminal justice system"


#: Highest score an assessor can give against one criterion (0 = no evidence, 5 = excellent).
MAX_SCORE = 5
#: Days before a contract's review date or end date when the register flags it.
REVIEW_WARNING_DAYS = 90
END_WARNING_DAYS = 180


#: How long applicants' contact details (their name, email address and telephone number) are kept. The rest of
#: an application is the grant's record (decision, payments, returns, the 360Giving publication) and is kept.
#: The privacy notice quotes these (``grants/tests/test_retention.py`` checks it does).
DRAFT_RETENTION_MONTHS = 12  # a draft never submitted is deleted this long after its last change
UNFUNDED_RETENTION_MONTHS = 24  # contact details erased this long after a refusal or a withdrawal
FUNDED_RETENTION_MONTHS = 72  # and this long after a grant was completed or withdrawn (six years)
