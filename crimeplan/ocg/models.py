"""The organised-crime register: groups, nominals, entities, graded links, 4P plans, disruptions, networks.

Every register item carries a handling code and a need-to-know group; who may read what is decided
in ``permissions.py`` and applied by the selectors. Records marked ``is_example`` are demonstration
data built from published research networks, never intelligence, and never counted in the plan.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models

from crimeplan.accounts.models import Organisation
from crimeplan.ocg.constants import (
    NETWORK_FORMATS,
    REPORT_FRAUD_PATTERN,
    CrimeSource,
    DisruptionGrade,
    DisruptionKind,
    EntityKind,
    GroupStatus,
    HandlingCode,
    IntelligenceAssessment,
    LinkKind,
    NrmRoute,
    ProtectKind,
    Role,
    SharedField,
    SharingCondition,
    SourceEvaluation,
    Strand,
)


class Marked(models.Model):
    """Handling code, need-to-know group and the example flag, shared by every register item."""

    handling_code = models.CharField(max_length=20, choices=HandlingCode.choices, default=HandlingCode.OFFICIAL)
    need_to_know = models.CharField(max_length=80, blank=True, help_text="the team that needs to know; blank = all")
    is_example = models.BooleanField(default=False, help_text="demonstration data, not intelligence")

    class Meta:
        abstract = True


class OrganisedCrimeGroup(Marked):
    reference = models.CharField(max_length=30, unique=True)
    name = models.CharField(max_length=150)
    markets = models.JSONField(default=list, help_text="Market values")
    status = models.CharField(max_length=12, choices=GroupStatus.choices, default=GroupStatus.ACTIVE)
    csp = models.CharField("community safety partnership", max_length=120, blank=True)
    wards = models.JSONField(default=list, blank=True)
    lsoas = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["reference"]
        permissions = [
            ("view_register", "Can read the organised-crime register"),
            ("view_sensitive", "Can read OFFICIAL-SENSITIVE register items"),
            ("manage_register", "Can add and change register items"),
            ("analyse_networks", "Can import and analyse networks"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.name}"


class Nominal(Marked):
    group = models.ForeignKey(
        OrganisedCrimeGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="nominals"
    )
    reference = models.CharField(max_length=30, unique=True)
    role = models.CharField(max_length=20, choices=Role.choices)
    aliases = models.JSONField(default=list, blank=True)
    first_seen = models.DateField(null=True, blank=True)
    last_seen = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["reference"]

    def __str__(self) -> str:
        return self.reference

    def clean(self) -> None:
        if self.first_seen and self.last_seen and self.last_seen < self.first_seen:
            raise ValidationError(
                {"last_seen": ValidationError("Last seen must be on or after first seen", code="order")}
            )


class Entity(Marked):
    """A vehicle, business, phone or premises linked to a group."""

    group = models.ForeignKey(
        OrganisedCrimeGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="entities"
    )
    kind = models.CharField(max_length=12, choices=EntityKind.choices)
    label = models.CharField(max_length=150)

    class Meta:
        ordering = ["kind", "label"]
        verbose_name_plural = "entities"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.label}"


def at_either_end(name: str) -> models.Q:
    """Links with the named item (a nominal's reference or ``E<pk>``) at either end."""
    return models.Q(source=name) | models.Q(target=name)


class Link(Marked):
    """A graded link between two register items, named by the nominal's reference or ``E<pk>`` (entity)."""

    group = models.ForeignKey(
        OrganisedCrimeGroup, null=True, blank=True, on_delete=models.CASCADE, related_name="links"
    )
    source = models.CharField(max_length=40)
    target = models.CharField(max_length=40)
    kind = models.CharField(max_length=15, choices=LinkKind.choices)
    weight = models.FloatField(default=1.0)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    origin = models.CharField("source of the intelligence", max_length=150, blank=True)
    source_evaluation = models.CharField(max_length=1, choices=SourceEvaluation.choices)
    assessment = models.CharField(max_length=1, choices=IntelligenceAssessment.choices)
    sharing = models.CharField(max_length=1, choices=SharingCondition.choices)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.source}–{self.target} ({self.grading})"

    @property
    def grading(self) -> str:
        return f"{self.source_evaluation}{self.assessment}{self.sharing}"

    def clean(self) -> None:
        if self.source and self.source == self.target:
            raise ValidationError({"target": ValidationError("A link joins two different items", code="self_link")})
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": ValidationError("The link ends on or after it starts", code="order")})


class FourPPlan(Marked):
    group = models.ForeignKey(OrganisedCrimeGroup, on_delete=models.CASCADE, related_name="plans")
    lead_officer = models.CharField("lead responsible officer", max_length=150)
    starts_on = models.DateField()
    review_on = models.DateField()
    closed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-starts_on"]

    def __str__(self) -> str:
        return f"4P plan for {self.group.reference} from {self.starts_on}"


class PlanAction(models.Model):
    plan = models.ForeignKey(FourPPlan, on_delete=models.CASCADE, related_name="actions")
    strand = models.CharField(max_length=8, choices=Strand.choices)
    description = models.CharField(max_length=300)
    owner = models.CharField(max_length=150, help_text="the partner organisation or officer")
    due_on = models.DateField()
    done_on = models.DateField(null=True, blank=True)
    protect_kind = models.CharField(max_length=20, choices=ProtectKind.choices, blank=True, default="")
    people_referred = models.PositiveIntegerField(null=True, blank=True, help_text="Cyber Choices: young people")
    businesses_reached = models.PositiveIntegerField(null=True, blank=True, help_text="Protect outreach")
    charities_reached = models.PositiveIntegerField(null=True, blank=True, help_text="Protect outreach")

    class Meta:
        ordering = ["due_on"]

    def __str__(self) -> str:
        return self.description

    def clean(self) -> None:
        if self.protect_kind and self.strand != Strand.PROTECT:
            raise ValidationError(
                {"strand": ValidationError("Cyber Choices and outreach are Protect actions", code="strand")}
            )
        if self.protect_kind == ProtectKind.CYBER_CHOICES and self.people_referred is None:
            raise ValidationError(
                {"people_referred": ValidationError("Say how many young people were referred", code="referred")}
            )
        reached = (self.businesses_reached, self.charities_reached)
        if self.protect_kind == ProtectKind.OUTREACH and all(r is None for r in reached):
            raise ValidationError(
                {
                    "businesses_reached": ValidationError(
                        "Say how many businesses or charities were reached", code="reached"
                    )
                }
            )


class Disruption(Marked):
    group = models.ForeignKey(OrganisedCrimeGroup, on_delete=models.CASCADE, related_name="disruptions")
    occurred_on = models.DateField()
    kind = models.CharField(max_length=15, choices=DisruptionKind.choices)
    grade = models.CharField(max_length=10, choices=DisruptionGrade.choices)
    value = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True, help_text="£ seized")
    summary = models.CharField(max_length=300)

    class Meta:
        ordering = ["-occurred_on"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_on} ({self.grade})"


class ImportedNetwork(Marked):
    """A network read from a file (research data or an export), kept for analysis."""

    name = models.SlugField(max_length=80, unique=True)
    file_format = models.CharField(max_length=10, choices=NETWORK_FORMATS)
    file_name = models.CharField(max_length=200)
    nodes = models.JSONField(default=list)
    edges = models.JSONField(default=list, help_text="[i, j, weight] with i < j indexing nodes")
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SharingRule(models.Model):
    """Under a case-work information-sharing agreement, which fields of which groups a partner sees.

    ``agreement_id`` names a ``cases`` agreement (read through ``crimeplan.cases.selectors``); the rule
    applies only while that agreement is in force and the organisation is a party to it. Partners see
    OFFICIAL items only.
    """

    agreement_id = models.PositiveIntegerField(help_text="the information-sharing agreement (case work)")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    groups = models.ManyToManyField(OrganisedCrimeGroup, related_name="sharing_rules")
    fields = models.JSONField(default=list, help_text="SharedField values")

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.organisation} under agreement {self.agreement_id}: {', '.join(self.fields)}"

    def clean(self) -> None:
        unknown = [f for f in self.fields if f not in SharedField.values]
        if unknown:
            raise ValidationError(
                {"fields": ValidationError(f"Unknown fields: {', '.join(map(str, unknown))}", code="unknown")}
            )


class GroupScore(models.Model):
    """One scoring of a group (the history is every row); inputs as entered, ``None`` meaning unknown."""

    group = models.ForeignKey(OrganisedCrimeGroup, on_delete=models.CASCADE, related_name="scores")
    inputs = models.JSONField(help_text="factor -> 0–4, or null for unknown")
    confidence = models.CharField(max_length=6, choices=[(c, c.title()) for c in ("low", "medium", "high")])
    score = models.FloatField()
    high = models.FloatField(help_text="the score if every unknown were at its highest")
    band = models.CharField(max_length=1)
    unknown = models.JSONField(default=list, blank=True)
    scored_on = models.DateField()
    is_example = models.BooleanField(default=False)

    class Meta:
        ordering = ["-scored_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.group.reference} band {self.band} on {self.scored_on}"


class LinkedCrime(Marked):
    """A recorded crime linked to a group, weighted in Cambridge Crime Harm Index days.

    Either a police.uk category in a month and LSOA (weighted through the force's harm weights), or a
    recorded offence carrying its own CCHI days (from the offence's sentencing starting point).
    """

    group = models.ForeignKey(OrganisedCrimeGroup, on_delete=models.CASCADE, related_name="crimes")
    source = models.CharField(max_length=10, choices=CrimeSource.choices, default=CrimeSource.POLICE_UK)
    crime_type = models.CharField("police.uk category", max_length=60, blank=True)
    month = models.CharField(max_length=7, blank=True, help_text="YYYY-MM")
    lsoa = models.CharField(
        "LSOA code",
        max_length=9,
        blank=True,
        validators=[RegexValidator(r"^[EW]01\d{6}$", "An LSOA code is E01 or W01 and six digits", code="lsoa")],
    )
    offence = models.CharField("recorded offence", max_length=150, blank=True)
    cchi_days = models.FloatField("CCHI days (recorded offence)", null=True, blank=True)
    crime_reference = models.CharField(max_length=40, blank=True)
    report_fraud_reference = models.CharField(
        max_length=16,
        blank=True,
        validators=[
            RegexValidator(
                REPORT_FRAUD_PATTERN,
                "A Report Fraud reference is NFRC, the year and month (YYMM) and eight digits, e.g. NFRC240312345678",
                code="report_fraud_reference",
            )
        ],
    )
    linked_on = models.DateField()

    class Meta:
        ordering = ["-month", "pk"]

    def __str__(self) -> str:
        return self.offence or f"{self.crime_type} {self.month} {self.lsoa}"

    def clean(self) -> None:
        if self.source == CrimeSource.POLICE_UK:
            missing = [f for f in ("crime_type", "month", "lsoa") if not getattr(self, f)]
            if missing:
                raise ValidationError(
                    {f: ValidationError("Needed for a police.uk crime", code="required") for f in missing}
                )
            if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", self.month):
                raise ValidationError({"month": ValidationError("Enter the month as YYYY-MM", code="month")})
        elif not self.offence or self.cchi_days is None or self.cchi_days < 0:
            raise ValidationError(
                {"cchi_days": ValidationError("A recorded offence needs its name and its CCHI days", code="cchi_days")}
            )


class ModernSlaveryRecord(Marked):
    """A first responder's record of a potential victim of modern slavery: an NRM referral or a Duty to Notify.

    Children are always referred (no consent is needed, and an anonymous notification is refused, here and by
    a database constraint); an adult is referred only with consent, otherwise the Duty to Notify is met by an
    anonymous notification. Decision dates follow the referral: reasonable grounds, then conclusive grounds.
    """

    reference = models.CharField(max_length=30, unique=True)
    route = models.CharField(max_length=3, choices=NrmRoute.choices)
    is_child = models.BooleanField("a child (17 or under) at exploitation")
    consent = models.BooleanField("the adult consented to a referral", default=False)
    exploitation = models.JSONField(default=list, help_text="Exploitation values")
    referred_on = models.DateField("referred or notified on")
    reasonable_grounds_on = models.DateField(null=True, blank=True)
    conclusive_grounds_on = models.DateField(null=True, blank=True)
    support_provider = models.CharField(max_length=150, blank=True)
    group = models.ForeignKey(
        OrganisedCrimeGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="slavery_records"
    )
    victim = models.OneToOneField(
        Nominal, null=True, blank=True, on_delete=models.SET_NULL, related_name="slavery_record"
    )
    summary = models.CharField(max_length=500, blank=True)
    recorded_by = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["-referred_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(is_child=True, route="dtn"), name="ocg_children_always_referred"
            ),
            models.CheckConstraint(
                condition=~models.Q(is_child=False, route="nrm", consent=False), name="ocg_adult_referral_consented"
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    def clean(self) -> None:
        if self.is_child and self.route != NrmRoute.NRM:
            raise ValidationError(
                {"route": ValidationError("A child is always referred to the NRM", code="child_referred")}
            )
        if not self.is_child and self.route == NrmRoute.NRM and not self.consent:
            raise ValidationError(
                {"consent": ValidationError("An adult is referred only with consent; otherwise notify", code="consent")}
            )
        self._check_dates()

    def _check_dates(self) -> None:
        reasonable, conclusive = self.reasonable_grounds_on, self.conclusive_grounds_on
        if self.route == NrmRoute.DUTY_TO_NOTIFY and (reasonable or conclusive):
            raise ValidationError(
                {"reasonable_grounds_on": ValidationError("A notification has no NRM decisions", code="dtn_decision")}
            )
        if reasonable and self.referred_on and reasonable < self.referred_on:
            raise ValidationError(
                {"reasonable_grounds_on": ValidationError("The decision comes after the referral", code="order")}
            )
        if conclusive and not reasonable:
            raise ValidationError(
                {"conclusive_grounds_on": ValidationError("Record the reasonable grounds first", code="order")}
            )
        if conclusive and reasonable and conclusive < reasonable:
            raise ValidationError(
                {"conclusive_grounds_on": ValidationError("Conclusive grounds follow reasonable grounds", code="order")}
            )
