"""PACT forms: neighbourhoods, meetings, cycles, proposals, moderation, ballots, priorities and updates."""

from __future__ import annotations

import re
from typing import Any

from django import forms

from crimeplan.engagement.constants import PREFER_NOT
from crimeplan.engagement.pact.constants import AGE_BAND_CHOICES, ETHNICITY_CHOICES, MAX_CHOICES, MeetingKind

#: Chosen on a ballot, "Prefer not to say" is kept as the member's answer, so it is not asked again.
NOT_SAID = [(PREFER_NOT, "Prefer not to say")]


def _codes(text: str) -> list[str]:
    return [code.upper() for code in re.split(r"[\s,;]+", text) if code]


class NeighbourhoodForm(forms.Form):
    name = forms.CharField(label="Name", max_length=120)
    slug = forms.SlugField(
        label="Short name for the web address", max_length=80, help_text="For example burnley-central"
    )
    ward_codes = forms.CharField(
        label="Ward codes", required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text="ONS 2019 ward codes (E05…), separated by spaces or commas",
    )  # fmt: skip
    lsoa_codes = forms.CharField(
        label="Extra LSOA codes", required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text="ONS 2011 LSOA codes (E01…) outside those wards, if any",
    )  # fmt: skip
    description = forms.CharField(label="Description", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    team_email = forms.EmailField(label="Neighbourhood team email", required=False)

    def clean_ward_codes(self) -> list[str]:
        return _codes(self.cleaned_data["ward_codes"])

    def clean_lsoa_codes(self) -> list[str]:
        return _codes(self.cleaned_data["lsoa_codes"])


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label="Kind of meeting", choices=MeetingKind.choices, widget=forms.RadioSelect)
    day = forms.DateField(label="Date", help_text="For example 2026-03-14")
    time = forms.TimeField(label="Start time", help_text="For example 18:30")
    place = forms.CharField(
        label="Place", max_length=200, required=False, help_text="For in-person and hybrid meetings"
    )
    link = forms.URLField(
        label="Link to join online", required=False, assume_scheme="https", help_text="For online and hybrid meetings"
    )
    agenda = forms.CharField(
        label="Agenda", required=False, widget=forms.Textarea(attrs={"rows": 4}), help_text="One item a line"
    )


class MinutesForm(forms.Form):
    minutes = forms.CharField(label="Minutes", widget=forms.Textarea(attrs={"rows": 6}))
    attendees = forms.IntegerField(label="People who attended", required=False, min_value=0)


class CancelMeetingForm(forms.Form):
    reason = forms.CharField(
        label="Why is it cancelled?",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Residents read this on the neighbourhood's page, for example: The hall is closed for repairs. "
        "The next meeting is on 4 March.",
        error_messages={"required": "Say why the meeting is cancelled: residents will read it"},
    )


class CycleForm(forms.Form):
    title = forms.CharField(label="Name of the cycle", max_length=120, help_text="For example Spring 2026")


class ProposalForm(forms.Form):
    title = forms.CharField(
        label="What is the issue?", max_length=150, help_text="For example Speeding on Church Street"
    )
    description = forms.CharField(
        label="Tell us more", required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text="When it happens and how it affects people. Do not name anyone.",
    )  # fmt: skip
    place = forms.CharField(label="Where?", max_length=150, required=False, help_text="A street or place")


class ModerateForm(forms.Form):
    decision = forms.ChoiceField(
        label="Decision",
        choices=[("accept", "Put it on the ballot"), ("reject", "Leave it off the ballot")],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label="Reason (needed to leave it off)", max_length=300, required=False)


class BallotForm(forms.Form):
    choices: forms.ModelMultipleChoiceField[Any] = forms.ModelMultipleChoiceField(
        label=f"Choose up to {MAX_CHOICES} issues", queryset=None, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one issue."},
    )  # fmt: skip
    age_band = forms.ChoiceField(
        label="Your age (optional)", choices=NOT_SAID + AGE_BAND_CHOICES, required=False, widget=forms.RadioSelect,
        help_text="Helps us see whose voices are heard; results are weighted to the census with it",
    )  # fmt: skip
    ethnicity = forms.ChoiceField(
        label="Your ethnic group (optional)", choices=NOT_SAID + ETHNICITY_CHOICES, required=False,
        widget=forms.RadioSelect,
    )  # fmt: skip

    def __init__(self, *args: Any, issues: Any, answered: tuple[bool, bool] = (False, False), **kwargs: Any) -> None:
        """``answered``: whether the member already answered the age and ethnicity questions (then not asked)."""
        super().__init__(*args, **kwargs)
        field = self.fields["choices"]
        field.queryset = issues  # type: ignore[attr-defined]
        for name, done in zip(("age_band", "ethnicity"), answered, strict=True):
            if done:
                del self.fields[name]
        self.asked_before = any(answered)

    def clean_choices(self) -> Any:
        chosen = self.cleaned_data["choices"]
        if len(chosen) > MAX_CHOICES:
            raise forms.ValidationError(f"Choose up to {MAX_CHOICES} issues.", code="too_many_choices")
        return chosen


class AdoptForm(forms.Form):
    issue: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label="From the ballot", queryset=None, required=False, empty_label="(none)"
    )
    title = forms.CharField(label="Priority", max_length=150)
    action = forms.CharField(label="What we will do", widget=forms.Textarea(attrs={"rows": 4}))
    partners = forms.CharField(label="Partners", max_length=300, required=False, help_text="For example the council")
    review_on = forms.DateField(label="Review date", required=False, help_text="For example 2026-06-30")

    def __init__(self, *args: Any, issues: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["issue"].queryset = issues  # type: ignore[attr-defined]


class UpdateForm(forms.Form):
    you_said = forms.CharField(label="You said", widget=forms.Textarea(attrs={"rows": 3}))
    we_did = forms.CharField(label="We did", widget=forms.Textarea(attrs={"rows": 4}))
    closes = forms.BooleanField(label="This closes the priority", required=False)


class LinkRequestForm(forms.Form):
    email = forms.EmailField(label="Email address", help_text="The address you confirmed when you signed up for alerts")


class IssueLinkForm(forms.Form):
    member = forms.IntegerField(widget=forms.HiddenInput)
