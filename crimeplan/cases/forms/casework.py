"""Forms for working a case."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model

from crimeplan.accounts.models import Organisation
from crimeplan.cases.constants import (
    TRANSITIONS,
    CloseReason,
    ConsentStatus,
    DataCategory,
    EntryKind,
    InterventionStatus,
    NeedLevel,
    ReferralBasis,
    Stage,
    Status,
)
from crimeplan.cases.forms.common import DateField, choice, long_text, model_choice, text
from crimeplan.cases.models import Case, NeedDomain, OutcomeScale, Service, Volunteer

NEED_CHOICES = [(str(level.value), level.label) for level in NeedLevel]


class StatusForm(forms.Form):
    to_status = choice("New status", [])
    reason = long_text("Reason", required=False, hint="Needed to screen, accept, decline or close a case")
    close_reason = choice("Why is the case closing?", [("", "Not closing"), *CloseReason.choices], required=False)

    basis = choice(
        "Consent or lawful basis",
        [("", "Not recorded yet"), *ReferralBasis.choices],
        required=False,
        radios=False,
        hint="Needed before the case is accepted: it was not given at referral",
    )
    basis_reason = long_text("Why is consent not the basis?", required=False, hint="Needed when it is not consent")

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        nexts = TRANSITIONS[case.status]
        self.fields["to_status"].choices = [(s, Status(s).label) for s in nexts]  # type: ignore[attr-defined]
        if Status.CLOSED not in nexts:
            del self.fields["close_reason"]
        if case.basis or case.status not in (Status.REFERRED, Status.SCREENED):
            del self.fields["basis"], self.fields["basis_reason"]


class EntryForm(forms.Form):
    kind = choice("Type", [(EntryKind.CONTACT, "Contact with the person"), (EntryKind.NOTE, "Case note")])
    occurred_on = DateField(label="Date", past=True)
    summary = text("Summary", hint="One line, for example: Home visit, discussed housing options")
    text = long_text(
        "Details",
        required=False,
        hint="Agencies that can see the case see this unless you mark it as health below",
    )
    is_health = forms.BooleanField(
        label="This entry is about the person's health, mental health or substance use",
        required=False,
        help_text="Health entries are shown only to agencies whose sharing agreement covers health data",
    )

    def data_category(self) -> str:
        return DataCategory.HEALTH if self.cleaned_data["is_health"] else DataCategory.CIRCUMSTANCES


class StageForm(forms.Form):
    stage = choice("Stage", Stage.choices)
    on = DateField(label="Date", past=True)


class NeedsForm(StageForm):
    """One radio group per need domain."""

    notes = long_text("Notes", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.domains = list(NeedDomain.objects.filter(is_active=True))
        for domain in self.domains:
            self.fields[f"need_{domain.slug}"] = choice(domain.name, NEED_CHOICES, hint=domain.description)

    def levels(self) -> dict[NeedDomain, int]:
        return {d: int(self.cleaned_data[f"need_{d.slug}"]) for d in self.domains}


class OutcomesForm(StageForm):
    """One score per active outcome scale; leave a scale blank to skip it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.scales = list(OutcomeScale.objects.filter(is_active=True))
        for scale in self.scales:
            options = [(str(n), str(n)) for n in range(scale.minimum, scale.maximum + 1)]
            self.fields[f"scale_{scale.slug}"] = choice(
                scale.name,
                [("", "Not scored"), *options],
                required=False,
                hint=f"{scale.question} {scale.minimum} = {scale.low_label}, {scale.maximum} = {scale.high_label}",
            )

    def scores(self) -> dict[OutcomeScale, int]:
        return {
            s: int(self.cleaned_data[f"scale_{s.slug}"]) for s in self.scales if self.cleaned_data[f"scale_{s.slug}"]
        }


class ActionForm(forms.Form):
    description = text(
        "Action", max_length=300, hint="What will be done, for example: Apply for a housing register place"
    )
    domain = model_choice("Area of need", NeedDomain.objects.filter(is_active=True), required=False)
    owner_organisation = model_choice("Agency responsible", Organisation.objects.filter(is_active=True))
    owner_name = text("Person responsible", max_length=150)
    due_on = DateField(label="Due date")


class InterventionForm(forms.Form):
    service = model_choice("Service", Service.objects.filter(is_active=True), hint="From the service directory")
    status = choice("Status", InterventionStatus.choices)
    referred_on = DateField(label="Date referred", past=True)
    started_on = DateField(label="Date started", past=True, required=False)
    ended_on = DateField(label="Date ended", past=True, required=False)
    notes = long_text("Notes", required=False)


class TeamForm(forms.Form):
    organisation = model_choice("Agency", Organisation.objects.filter(is_active=True))
    role = text("Their role", max_length=150, hint="For example: Housing support, Drug and alcohol key worker")


class LeadWorkerForm(forms.Form):
    worker = model_choice("Lead worker", get_user_model().objects.none())

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["worker"]
        field.queryset = get_user_model().objects.filter(organisation=case.owner, is_active=True)  # type: ignore[attr-defined]


class ConsentForm(forms.Form):
    agreement = model_choice("Sharing agreement", None)
    status = choice("Consent", ConsentStatus.choices)
    given_by = text("Given or withdrawn by", max_length=150, hint="The person, or who acted for them and why")
    scope = text("What they agreed to", max_length=300, hint="In their words, for example: share my support plan")
    version = text("Consent form version", max_length=40, hint="For example: EA consent v2")
    recorded_on = DateField(label="Date", past=True)

    def __init__(self, *args: Any, agreements: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agreement"].queryset = agreements  # type: ignore[attr-defined]


class ExceptionForm(forms.Form):
    agreement = model_choice("Sharing agreement", None)
    reason = long_text(
        "Lawful reason for sharing without consent",
        hint="For example: seeking consent would prejudice the prevention of crime",
    )
    expires_on = DateField(label="Share until")

    def __init__(self, *args: Any, agreements: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agreement"].queryset = agreements  # type: ignore[attr-defined]


class MatchForm(forms.Form):
    volunteer = model_choice("Volunteer", Volunteer.objects.none(), radios=True)

    def __init__(self, *args: Any, suggestions: list[tuple[Volunteer, int]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["volunteer"]
        field.queryset = Volunteer.objects.filter(pk__in=[v.pk for v, _ in suggestions])  # type: ignore[attr-defined]
        labels = {v.pk: f"{v.name} ({n} of the case's needs)" for v, n in suggestions}
        field.label_from_instance = lambda v: labels.get(v.pk, v.name)  # type: ignore[attr-defined]


class AsbReviewForm(forms.Form):
    decision_on = DateField(label="Date the victim was told whether the threshold is met", past=True, required=False)
    meeting_on = DateField(label="Date of the review meeting", past=True, required=False)
    outcome_sent_on = DateField(label="Date the outcome was sent to the victim", past=True, required=False)
    recommendations = long_text("Recommendations", required=False)
