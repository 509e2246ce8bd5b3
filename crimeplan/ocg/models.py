"""The organised-crime register: groups, nominals, entities, graded links, 4P plans, disruptions, networks.

Every register item carries a handling code and a need-to-know group; who may read what is decided
in ``permissions.py`` and applied by the selectors. Records marked ``is_example`` are demonstration
data built from published research networks, never intelligence, and never counted in the plan.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from crimeplan.accounts.models import Organisation
from crimeplan.ocg.constants import (
    NETWORK_FORMATS,
    DisruptionGrade,
    DisruptionKind,
    EntityKind,
    GroupStatus,
    HandlingCode,
    IntelligenceAssessment,
    LinkKind,
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


class Link(Marked):
    """A graded link between two register items, named ``N<ref>`` (nominal) or ``E<pk>`` (entity)."""

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

    class Meta:
        ordering = ["due_on"]

    def __str__(self) -> str:
        return self.description


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
