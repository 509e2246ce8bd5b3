"""The public report, one question a page: the steps, their forms, and the answers kept in the session.

Answers live in ``request.session[ANSWERS]`` as JSON-ready values until the reporter sends the report
(or leaves the site, which clears them). ``next_step`` skips the question about the person's agreement
unless someone else is reporting for them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from crimeplan.reporting.constants import DESCRIPTION_MAX, IncidentKind, Reporter
from crimeplan.reporting.selectors import active_strands
from crimeplan.reporting.services.reports import ReportDetails

ANSWERS = "hate_report_answers"
YES_NO = [("yes", "Yes"), ("no", "No")]


class ReporterForm(forms.Form):
    reporter = forms.ChoiceField(
        label="Who is reporting?",
        choices=Reporter.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select who is reporting"},
    )


class AgreedForm(forms.Form):
    victim_consented = forms.ChoiceField(
        label="Does the person it happened to know about this report and agree to it?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if the person agrees to this report"},
    )

    def clean_victim_consented(self) -> str:
        if self.cleaned_data["victim_consented"] != "yes":
            raise ValidationError(
                "You can only report for someone who agrees. They can report themselves, or call 101.", code="consent"
            )
        return "yes"


class DescriptionForm(forms.Form):
    description = forms.CharField(
        label="What happened?",
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Say what was said or done, and anything that made it feel like hate. Do not include other people's "
        "names unless you need to.",
        error_messages={
            "required": "Describe what happened",
            "max_length": "Describe what happened in 5,000 characters or fewer",
        },
    )


class IncidentKindForm(forms.Form):
    incident_kind = forms.ChoiceField(
        label="Do you think it was a crime?",
        choices=IncidentKind.choices,
        widget=forms.RadioSelect,
        help_text="Hate incidents that are not crimes can still be reported.",
        error_messages={"required": "Select whether you think it was a crime"},
    )


class WhenForm(forms.Form):
    day = forms.IntegerField(label="Day", min_value=1, max_value=31, error_messages={"required": "Enter the day"})
    month = forms.IntegerField(label="Month", min_value=1, max_value=12, error_messages={"required": "Enter the month"})
    year = forms.IntegerField(
        label="Year", min_value=2000, max_value=2100, error_messages={"required": "Enter the year"}
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if all(data.get(k) for k in ("day", "month", "year")):
            try:
                when = dt.date(data["year"], data["month"], data["day"])
            except ValueError:
                raise ValidationError("Enter a real date, like 14 10 2025", code="date") from None
            if when > dt.date.today():
                raise ValidationError("The date it happened must be today or in the past", code="future")
            data["occurred_on"] = when.isoformat()
        return data


class WhereForm(forms.Form):
    place = forms.ChoiceField(
        label="Where did it happen?",
        widget=forms.RadioSelect,
        choices=[("postcode", "In a place I can give a postcode for"), ("online", "Online, on a website or app")],
        error_messages={"required": "Select where it happened"},
    )
    postcode = forms.CharField(label="Postcode", required=False, max_length=10, help_text="For example, PR1 2AB")
    online_platform = forms.CharField(
        label="Website or app", required=False, max_length=100, help_text="For example, a social media site or a game"
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("place") == "postcode" and not data.get("postcode"):
            self.add_error("postcode", ValidationError("Enter the postcode", code="required"))
        if data.get("place") == "online" and not data.get("online_platform"):
            self.add_error("online_platform", ValidationError("Enter the website or app", code="required"))
        return data


class StrandsForm(forms.Form):
    strands = forms.MultipleChoiceField(
        label="Do you, or anyone else, think it happened because of any of these?",
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply. It is enough that you, or someone else, think so.",
        error_messages={"required": "Select at least one reason you think it happened"},
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        strands = list(active_strands())
        field = self.fields["strands"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(s.slug, s.label) for s in strands]
        self.hints = {s.slug: f"Targeted {s.wording}" for s in strands}


class OffenderForm(forms.Form):
    offender = forms.CharField(
        label="Do you know who did it?",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Optional. A name, what they looked like, or how you know them.",
    )


class SafetyForm(forms.Form):
    safety = forms.MultipleChoiceField(
        label="Is any of this true?",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Optional. This helps us decide how quickly to act.",
        choices=[
            ("repeat_victim", "It has happened before"),
            ("ongoing_threat", "It is still going on, or I am afraid it will happen again"),
            ("vulnerable", "The person it happened to may need extra help, for example because of their health"),
        ],
    )


class PoliceConsentForm(forms.Form):
    consent_police = forms.ChoiceField(
        label="Can we pass your report to the police?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        help_text="If you say yes, we send what you told us to Lancashire Police, who may record it as a crime or "
        "an incident and may contact you. If you say no, the police do not see your report; we still use it, "
        "without your details, to understand hate in your area.",
        error_messages={"required": "Select yes if we can pass your report to the police"},
    )


class SupportConsentForm(forms.Form):
    consent_support = forms.ChoiceField(
        label="Can we ask a victim support service to contact you?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        help_text="If you say yes, we pass your contact details and what happened to a free, confidential support "
        "service paid for by the Police and Crime Commissioner. They are not the police. You can say yes to this and "
        "no to the police.",
        error_messages={"required": "Select yes if a support service can contact you"},
    )


class ContactForm(forms.Form):
    contact_name = forms.CharField(label="Your name (optional)", required=False, max_length=120)
    email = forms.EmailField(
        label="Email address (optional)",
        required=False,
        help_text="We send your tracking code here.",
        error_messages={"invalid": "Enter an email address like name@example.com"},
    )
    phone = forms.CharField(label="Phone number (optional)", required=False, max_length=30)


@dataclass(frozen=True)
class Step:
    slug: str
    form: type[forms.Form]
    title: str


STEPS: tuple[Step, ...] = (
    Step("who", ReporterForm, "Who is reporting?"),
    Step("agreed", AgreedForm, "Does the person agree?"),
    Step("what", DescriptionForm, "What happened?"),
    Step("crime", IncidentKindForm, "Do you think it was a crime?"),
    Step("when", WhenForm, "When did it happen?"),
    Step("where", WhereForm, "Where did it happen?"),
    Step("why", StrandsForm, "Why do you think it happened?"),
    Step("who-did-it", OffenderForm, "Do you know who did it?"),
    Step("safety", SafetyForm, "Your safety"),
    Step("police", PoliceConsentForm, "Passing your report to the police"),
    Step("support", SupportConsentForm, "Support for you"),
    Step("contact", ContactForm, "How can we contact you?"),
)
BY_SLUG = {step.slug: step for step in STEPS}


def applies(step: Step, answers: dict[str, Any]) -> bool:
    return step.slug != "agreed" or answers.get("reporter") == Reporter.THIRD_PARTY


def next_step(slug: str, answers: dict[str, Any]) -> str | None:
    """The step after ``slug`` that applies, or None when the check-answers page comes next."""
    later = [s for s in STEPS[[s.slug for s in STEPS].index(slug) + 1 :] if applies(s, answers)]
    return later[0].slug if later else None


def first_missing(answers: dict[str, Any]) -> str | None:
    """The first step not yet answered, or None when every step that applies has an answer."""
    for step in STEPS:
        if applies(step, answers) and step.slug not in answers.get("_done", []):
            return step.slug
    return None


def store(answers: dict[str, Any], slug: str, cleaned: dict[str, Any]) -> dict[str, Any]:
    """Answers with one step's cleaned data added (JSON-ready)."""
    done = [s for s in answers.get("_done", []) if s != slug] + [slug]
    kept = {k: v for k, v in cleaned.items() if k not in ("day", "month", "year") or slug == "when"}
    return {**answers, **kept, "_done": done}


def initial(answers: dict[str, Any], step: Step) -> dict[str, Any]:
    return {name: answers[name] for name in step.form.base_fields if name in answers}


def details(answers: dict[str, Any]) -> ReportDetails:
    """The answers as the report service takes them."""
    online = answers.get("place") == "online"
    safety = set(answers.get("safety", []))
    return ReportDetails(
        reporter=answers["reporter"],
        victim_consented=answers.get("victim_consented") == "yes",
        description=answers["description"],
        incident_kind=answers["incident_kind"],
        occurred_on=dt.date.fromisoformat(answers["occurred_on"]),
        postcode="" if online else answers.get("postcode", ""),
        online_platform=answers.get("online_platform", "") if online else "",
        strands=list(answers["strands"]),
        offender=answers.get("offender", ""),
        repeat_victim="repeat_victim" in safety,
        ongoing_threat="ongoing_threat" in safety,
        vulnerable="vulnerable" in safety,
        consent_police=answers["consent_police"] == "yes",
        consent_support=answers["consent_support"] == "yes",
        contact_name=answers.get("contact_name", ""),
        email=answers.get("email", ""),
        phone=answers.get("phone", ""),
    )
