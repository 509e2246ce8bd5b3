"""Forms of the register: a group, its threat score, 4P actions, disruptions, linked crimes, nominals, entities,
links; modern slavery."""

from __future__ import annotations

from typing import Any

from django import forms

from crimeplan.analytics.harm import UNWEIGHTED
from crimeplan.analytics.scoring import CONFIDENCE, FACTORS, RANGES
from crimeplan.analytics.vocabulary import CRIME_TYPES
from crimeplan.ocg.constants import (
    CrimeSource,
    DisruptionGrade,
    DisruptionKind,
    EntityKind,
    Exploitation,
    HandlingCode,
    LinkKind,
    Market,
    ProtectKind,
    Role,
    Strand,
)

DATE_HINT = "For example 2025-03-27"
UNKNOWN = "unknown"
FACTOR_LABELS = {
    "physical": "Physical harm",
    "psychological": "Psychological harm",
    "financial": "Financial harm",
    "community": "Community harm",
    "environmental": "Environmental harm",
    "vulnerability": "Victim vulnerability",
    "scope": "Geographic scope",
    "likelihood": "Likelihood",
    "position": "Organisational position",
}


class GroupForm(forms.Form):
    reference = forms.SlugField(label="Reference", max_length=30, help_text="For example OCG-0042")
    name = forms.CharField(label="Name", max_length=150)
    markets = forms.MultipleChoiceField(
        label="Criminal markets", choices=Market.choices, widget=forms.CheckboxSelectMultiple
    )
    csp = forms.CharField(label="Community safety partnership", max_length=120, required=False)
    handling_code = forms.ChoiceField(label="Handling code", choices=HandlingCode.choices)
    need_to_know = forms.CharField(label="Need-to-know team (blank for all readers)", max_length=80, required=False)


class ScoreForm(forms.Form):
    """Each factor 0–4 (scope, likelihood and position 1–4) or "Not known", which is scored apart from none."""

    confidence = forms.ChoiceField(label="Confidence", choices=[(c, c.title()) for c in CONFIDENCE])
    on = forms.DateField(label="Scored on", help_text=DATE_HINT)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for factor in reversed(FACTORS):
            low, top = RANGES[factor]
            choices = [(str(v), "0 None" if v == 0 else str(v)) for v in range(low, top + 1)]
            self.fields = {
                factor: forms.ChoiceField(label=FACTOR_LABELS[factor], choices=[*choices, (UNKNOWN, "Not known")]),
                **self.fields,
            }

    def inputs(self) -> dict[str, int | None]:
        return {f: None if self.cleaned_data[f] == UNKNOWN else int(self.cleaned_data[f]) for f in FACTORS}


class ActionForm(forms.Form):
    strand = forms.ChoiceField(label="Strand", choices=Strand.choices)
    description = forms.CharField(label="Action", max_length=300)
    owner = forms.CharField(label="Owner (partner organisation or officer)", max_length=150)
    due_on = forms.DateField(label="Due on", help_text=DATE_HINT)
    done_on = forms.DateField(label="Done on", help_text=DATE_HINT, required=False)
    lead_officer = forms.CharField(
        label="Lead responsible officer (only when the group has no open 4P plan)", max_length=150, required=False
    )
    protect_kind = forms.ChoiceField(label="Counted Protect action", choices=ProtectKind.choices, required=False)
    people_referred = forms.IntegerField(label="Young people referred (Cyber Choices)", min_value=0, required=False)
    businesses_reached = forms.IntegerField(label="Businesses reached (outreach)", min_value=0, required=False)
    charities_reached = forms.IntegerField(label="Charities reached (outreach)", min_value=0, required=False)


class DisruptionForm(forms.Form):
    occurred_on = forms.DateField(label="Date", help_text=DATE_HINT)
    kind = forms.ChoiceField(label="Kind", choices=DisruptionKind.choices)
    grade = forms.ChoiceField(label="Grade", choices=DisruptionGrade.choices)
    value = forms.DecimalField(label="Value seized (£)", min_value=0, max_digits=12, decimal_places=2, required=False)
    summary = forms.CharField(label="Summary", max_length=300)


class LinkedCrimeForm(forms.Form):
    source = forms.ChoiceField(label="What is linked", choices=CrimeSource.choices, widget=forms.RadioSelect)
    crime_type = forms.ChoiceField(
        label="police.uk category",
        choices=[("", "Choose a category"), *((t, t) for t in CRIME_TYPES if t not in UNWEIGHTED)],
        required=False,
    )
    month = forms.CharField(label="Month (YYYY-MM)", max_length=7, required=False)
    lsoa = forms.CharField(label="LSOA code", max_length=9, required=False, help_text="For example E01025309")
    offence = forms.CharField(label="Recorded offence", max_length=150, required=False)
    cchi_days = forms.FloatField(label="CCHI days of the offence", min_value=0, required=False)
    crime_reference = forms.CharField(label="Crime reference", max_length=40, required=False)
    report_fraud_reference = forms.CharField(
        label="Report Fraud reference", max_length=16, required=False, help_text="For example NFRC240312345678"
    )


class SlaveryForm(forms.Form):
    is_child = forms.TypedChoiceField(
        label="Age at exploitation",
        choices=[("False", "Adult (18 or over)"), ("True", "Child (17 or under): always referred")],
        coerce=lambda v: v == "True",
        widget=forms.RadioSelect,
    )
    consent = forms.BooleanField(label="The adult consents to a referral to the NRM", required=False)
    exploitation = forms.MultipleChoiceField(
        label="Exploitation", choices=Exploitation.choices, widget=forms.CheckboxSelectMultiple
    )
    referred_on = forms.DateField(label="Referred or notified on", help_text=DATE_HINT)
    reasonable_grounds_on = forms.DateField(label="Reasonable grounds decision on", required=False)
    conclusive_grounds_on = forms.DateField(label="Conclusive grounds decision on", required=False)
    support_provider = forms.CharField(label="Support provider", max_length=150, required=False)
    group = forms.CharField(label="Organised crime group reference (if known)", max_length=30, required=False)
    summary = forms.CharField(label="Circumstances (no names)", max_length=500, required=False, widget=forms.Textarea)
    handling_code = forms.ChoiceField(
        label="Handling code", choices=HandlingCode.choices, initial=HandlingCode.OFFICIAL_SENSITIVE
    )


class PackageForm(forms.Form):
    purpose = forms.CharField(label="Why you need this package (recorded in the audit log and in the file)")
    file_format = forms.ChoiceField(
        label="Format", choices=[("csv", "CSV"), ("pdf", "PDF")], required=False, widget=forms.RadioSelect
    )

    def clean_file_format(self) -> str:
        return str(self.cleaned_data.get("file_format") or "csv")


class DecisionsForm(forms.Form):
    reasonable_grounds_on = forms.DateField(label="Reasonable grounds decision on", help_text=DATE_HINT, required=False)
    conclusive_grounds_on = forms.DateField(label="Conclusive grounds decision on", help_text=DATE_HINT, required=False)
    support_provider = forms.CharField(label="Support provider", max_length=150, required=False)


MARKING_HINT = "Blank: the group's marking. An item is marked at least as strictly as its group."


def _marking_fields() -> dict[str, forms.Field]:
    return {
        "handling_code": forms.ChoiceField(
            label="Handling code",
            choices=[("", "As the group"), *HandlingCode.choices],
            required=False,
            help_text=MARKING_HINT,
        ),
        "need_to_know": forms.CharField(label="Need-to-know team (blank: as the group)", max_length=80, required=False),
    }


class MarkedForm(forms.Form):
    """A register item's form ending in its handling code and need-to-know team."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(_marking_fields())


class NominalForm(MarkedForm):
    reference = forms.CharField(label="Reference", max_length=30, help_text="For example N-0193")
    role = forms.ChoiceField(label="Role", choices=Role.choices, widget=forms.RadioSelect)
    aliases = forms.CharField(
        label="Aliases (one a line)", max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    first_seen = forms.DateField(label="First seen", help_text=DATE_HINT, required=False)
    last_seen = forms.DateField(label="Last seen", help_text=DATE_HINT, required=False)

    def clean_aliases(self) -> list[str]:
        return [line.strip() for line in str(self.cleaned_data.get("aliases") or "").splitlines() if line.strip()]


class NominalChangeForm(NominalForm):
    """A nominal's corrections: everything but its reference, which its links use."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["reference"]


class RemovalForm(forms.Form):
    reason = forms.CharField(
        label="Why is it removed?",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example recorded in error, or no longer assessed as involved. The audit log keeps who "
        "removed it, when and why.",
        error_messages={"required": "Say why it is removed, for example recorded in error"},
    )


class EntityForm(MarkedForm):
    kind = forms.ChoiceField(label="Kind", choices=EntityKind.choices, widget=forms.RadioSelect)
    label = forms.CharField(
        label="Description", max_length=150, help_text="For example a registration, a business name, a number"
    )


class LinkForm(MarkedForm):
    """A link between two items of the group; the ends are the group's nominals and entities the user may read."""

    source = forms.ChoiceField(label="From")
    target = forms.ChoiceField(label="To")
    kind = forms.ChoiceField(label="Type of link", choices=LinkKind.choices)
    grading = forms.CharField(
        label="3x5x2 grading",
        max_length=8,
        help_text="Source evaluation 1–3, intelligence assessment A–E, handling code P or C, for example 2BC",
    )
    origin = forms.CharField(label="Source of the intelligence", max_length=150, required=False)
    weight = forms.FloatField(label="Weight (blank: 1)", min_value=0.0, required=False)
    starts_on = forms.DateField(label="From (date)", help_text=DATE_HINT, required=False)
    ends_on = forms.DateField(label="To (date)", help_text=DATE_HINT, required=False)

    def __init__(self, *args: Any, endpoints: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "Choose a nominal or entity"), *endpoints]
        for name in ("source", "target"):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = choices

    def clean_weight(self) -> float:
        weight = self.cleaned_data.get("weight")
        return 1.0 if weight is None else float(weight)

    def clean(self) -> dict[str, Any]:
        """Say at once what the service would refuse about the ends and the period (it checks them again)."""
        data = super().clean() or {}
        if data.get("source") and data.get("source") == data.get("target"):
            self.add_error("target", forms.ValidationError("A link joins two different items", code="self_link"))
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", forms.ValidationError("The link ends on or after it starts", code="order"))
        return data
