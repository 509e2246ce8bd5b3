"""Staff forms: declarations, scores, moderation, decisions, payments, returns, allocation, performance."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from crimeplan.analytics.allocation import FACTOR_LABELS, FACTORS
from crimeplan.analytics.periods import QUARTER
from crimeplan.core import validation
from crimeplan.grants.constants import MAX_SCORE, DecisionOutcome, Recommendation
from crimeplan.grants.forms import DATE_FORMATS, DATE_HELP, _messages, money_field
from crimeplan.grants.models import Criterion

SCORES = [(str(n), str(n)) for n in range(MAX_SCORE + 1)]


def date_field(label: str) -> forms.DateField:
    return _messages(  # type: ignore[return-value]
        validation.DateField(label=label, input_formats=DATE_FORMATS, help_text=DATE_HELP),
        f"Enter the {label.lower()}",
        f"Enter the {label.lower()} as day, month and year, like 27 3 2026",
    )


class DeclarationForm(forms.Form):
    conflict = _messages(
        forms.TypedChoiceField(
            label="Do you have a conflict of interest in this application?",
            help_text="For example, you work for, volunteer with, or are related to someone at the organisation",
            choices=[("no", "No"), ("yes", "Yes")],
            coerce=lambda v: v == "yes",
            widget=forms.RadioSelect,
        ),
        "Select yes if you have a conflict of interest",
    )
    conflict_details = validation.TextField(
        label="If yes, describe it", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("conflict") and not data.get("conflict_details", "").strip():
            self.add_error("conflict_details", "Describe the conflict of interest")
        return data


class ScoreForm(forms.Form):
    recommendation = _messages(
        forms.ChoiceField(label="Your recommendation", choices=Recommendation.choices, widget=forms.RadioSelect),
        "Select your recommendation",
    )
    comments = validation.TextField(
        label="Comments for the panel", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, criteria: list[Criterion], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            field = forms.TypedChoiceField(
                label=f"{criterion.title} (weight {criterion.weight})",
                help_text=f"{criterion.guidance} 0 = no evidence, {MAX_SCORE} = excellent.",
                choices=SCORES,
                coerce=int,
                widget=forms.RadioSelect(attrs={"class": "govuk-radios--inline"}),
            )
            field.error_messages["required"] = f"Score {criterion.title.lower()}"
            self.fields[f"score_{criterion.pk}"] = field
            self.fields[f"comment_{criterion.pk}"] = validation.TextField(
                label=f"Why this score for {criterion.title.lower()}?", required=False
            )
        self.order_fields([*[n for n in self.fields if n.startswith(("score_", "comment_"))], "recommendation"])

    def scores(self) -> dict[int, tuple[int, str]]:
        data = self.cleaned_data
        return {c.pk: (data[f"score_{c.pk}"], data.get(f"comment_{c.pk}", "")) for c in self.criteria}


class ModerationForm(forms.Form):
    score = forms.DecimalField(
        label="Moderated score (out of 5)",
        help_text="Leave blank to use the assessors' mean",
        required=False,
        min_value=0,
        max_value=MAX_SCORE,
        decimal_places=2,
    )
    note = validation.TextField(label="Moderation note", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class DecisionForm(forms.Form):
    outcome = _messages(
        forms.ChoiceField(label="Decision", choices=DecisionOutcome.choices, widget=forms.RadioSelect),
        "Select the decision",
    )
    amount = money_field("Amount awarded", required="Enter the amount awarded")
    reasons = _messages(
        validation.TextField(
            label="Reasons",
            help_text="Published with the grant: why the panel decided as it did",
            widget=forms.Textarea(attrs={"rows": 4}),
        ),
        "Give the reasons for the decision",
    )
    conditions = validation.TextField(
        label="Conditions",
        required=False,
        help_text="Published with the grant",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    panel_on = date_field("Panel date")

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["amount"].required = False
        self.fields["panel_on"].help_text = "The day the panel met: today or earlier"

    def clean_panel_on(self) -> Any:
        value = self.cleaned_data["panel_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(
                "The panel date cannot be in the future: record the decision once the panel has met",
                code="future_panel",
            )
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("outcome") == DecisionOutcome.APPROVED
            and data.get("amount") is None
            and "amount" not in self.errors
        ):
            self.add_error("amount", "Enter the amount awarded")
        return data


class InstalmentForm(forms.Form):
    due_on = date_field("Due date")
    amount = money_field("Amount", required="Enter the amount")


class PaymentForm(forms.Form):
    paid_on = date_field("Date paid")
    reference = _messages(
        validation.TextField(label="Payment reference", max_length=60, help_text="From the finance system"),
        "Enter the payment reference",
    )

    def clean_paid_on(self) -> dt.date:
        value: dt.date = self.cleaned_data["paid_on"]
        if value > dt.date.today():
            raise forms.ValidationError("The date paid cannot be in the future", code="future")
        return value


class ReturnForm(forms.Form):
    received_on = date_field("Date received")
    outputs = _messages(
        validation.TextField(label="Outputs delivered", widget=forms.Textarea(attrs={"rows": 3})), "Enter the outputs"
    )
    outcomes = _messages(
        validation.TextField(label="Outcomes achieved", widget=forms.Textarea(attrs={"rows": 3})), "Enter the outcomes"
    )
    spend = money_field("Spend to date", required="Enter the spend to date", minimum="0")


class AllocationForm(forms.Form):
    total = _messages(
        forms.IntegerField(label="Total to allocate (£)", min_value=1, max_value=1_000_000_000),
        "Enter the total to allocate",
        "Enter the total as a whole number of pounds, like 325000",
    )
    first_month = forms.RegexField(label="Crime from (month)", regex=r"^\d{4}-(0[1-9]|1[0-2])$", help_text="YYYY-MM")
    last_month = forms.RegexField(label="Crime to (month)", regex=r"^\d{4}-(0[1-9]|1[0-2])$", help_text="YYYY-MM")
    deprived_deciles = forms.TypedChoiceField(
        label="Deprived means the most deprived",
        choices=[(str(n), f"{n * 10}% of neighbourhoods in England (IMD deciles 1 to {n})") for n in (1, 2, 3)],
        coerce=int,
        initial="2",
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        for name in FACTORS:
            field = forms.DecimalField(
                label=f"{FACTOR_LABELS[name]} weight", min_value=0, max_value=1000, decimal_places=2
            )
            field.error_messages["required"] = f"Enter a weight for {FACTOR_LABELS[name].lower()} (0 to leave it out)"
            field.govuk_width = "govuk-input--width-4"  # type: ignore[attr-defined]
            self.fields[f"w_{name}"] = field
        for name in ("first_month", "last_month"):
            self.fields[name].error_messages.update(
                {"invalid": "Enter a month like 2022-07", "required": "Enter a month"}
            )
            self.fields[name].govuk_width = "govuk-input--width-5"  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if all(data.get(f"w_{n}") == 0 for n in FACTORS):
            self.add_error(None, "Give at least one factor a weight above zero")
        if data.get("first_month") and data.get("last_month") and data["first_month"] > data["last_month"]:
            self.add_error("last_month", "The last month must be the same as or after the first")
        return data

    def weights(self) -> dict[str, float]:
        return {name: float(self.cleaned_data[f"w_{name}"]) for name in FACTORS}


class SaveAllocationForm(forms.Form):
    title = _messages(validation.TextField(label="Title of the decision", max_length=160), "Enter a title")
    financial_year = forms.RegexField(label="Financial year", regex=r"^\d{4}-\d{2}$", help_text="For example, 2026-27")
    rationale = _messages(
        validation.TextField(
            label="Rationale for the Police and Crime Panel", widget=forms.Textarea(attrs={"rows": 4})
        ),
        "Give the rationale for these weights",
    )


class PerformanceForm(forms.Form):
    quarter = forms.RegexField(label="Quarter", regex=QUARTER, help_text="For example, 2026Q2")
    in_treatment = forms.IntegerField(label="Number in treatment", min_value=0)
    successful_completions = forms.IntegerField(label="Successful completions", min_value=0)
    cjs_referrals = forms.IntegerField(label="Referrals from the criminal justice system", min_value=0)
    notes = validation.TextField(label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["quarter"].error_messages.update(
            {"invalid": "Enter the quarter like 2026Q2", "required": "Enter the quarter"}
        )
        for name in ("in_treatment", "successful_completions", "cjs_referrals"):
            label = self.fields[name].label or name
            self.fields[name].error_messages.update(
                {"required": f"Enter the {label.lower()}", "invalid": f"Enter the {label.lower()} as a whole number"}
            )


class AssessorsForm(forms.Form):
    assessors: forms.ModelMultipleChoiceField[Any] = forms.ModelMultipleChoiceField(
        label="Who assesses this round?",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Grant assessors (and anyone already assigned). Each declares any conflict of interest before "
        "scoring; two or more must score an application before it is moderated.",
    )

    def __init__(self, *args: Any, candidates: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["assessors"].queryset = candidates  # type: ignore[attr-defined]
