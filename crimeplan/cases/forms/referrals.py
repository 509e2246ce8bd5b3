"""Referral forms: partner staff, and the public "refer someone" form for Early Action."""

from __future__ import annotations

from typing import Any

from django import forms

from crimeplan.cases.constants import Ethnicity, IomCohort, ReferralBasis, RiskLevel, Sex, SexualOrientation
from crimeplan.cases.forms.common import DateField, choice, long_text, model_choice, text
from crimeplan.cases.models import NeedDomain, Programme
from crimeplan.cases.services.referrals import PersonDetails
from crimeplan.core import validation


def _blank(choices: Any, label: str = "Not known") -> list[tuple[str, str]]:
    return [("", label), *choices]


class PersonFields(forms.Form):
    given_name = text("First name", max_length=100, message="Enter their first name", name=True)
    family_name = text("Last name", max_length=100, message="Enter their last name", name=True)
    date_of_birth = DateField(label="Date of birth", past=True, required=False)
    sex = choice("Sex", _blank(Sex.choices), required=False)
    address = text("Address", required=False, max_length=300)
    postcode = text("Postcode", required=False, max_length=10)
    phone = text("Phone", required=False, max_length=30)
    postcode.govuk_width = "govuk-input--width-10"  # type: ignore[attr-defined]
    phone.govuk_width = "govuk-input--width-20"  # type: ignore[attr-defined]
    email = validation.EmailField(
        label="Email", required=False, error_messages={"invalid": "Enter an email address like name@example.com"}
    )

    def person_details(self) -> PersonDetails:
        data = self.cleaned_data
        values: dict[str, Any] = {name: data.get(name) or "" for name in PERSON}
        values["date_of_birth"] = data.get("date_of_birth")
        return PersonDetails(**values)


PERSON = ("given_name", "family_name", "date_of_birth", "sex", "address", "postcode", "phone", "email")


class SensitiveFields(forms.Form):
    ethnicity = choice("Ethnicity", _blank(Ethnicity.choices, "Not asked"), required=False, radios=False)
    sexual_orientation = choice(
        "Sexual orientation", _blank(SexualOrientation.choices, "Not asked"), required=False, radios=False
    )


class BasisFields(forms.Form):
    """The person's consent, or the lawful basis for referring them without it (with the reason)."""

    basis = choice(
        "Consent or lawful basis",
        ReferralBasis.choices,
        hint="Someone under 18 can be referred only with their or a parent's consent, or a lawful basis recorded here",
        message="Select the person's consent or the lawful basis for referring them",
    )
    basis_reason = long_text(
        "Why is consent not the basis?",
        required=False,
        hint="Needed when the person has not consented: for example, they could not be asked without putting "
        "someone at risk",
    )


class ReferralForm(PersonFields, SensitiveFields, BasisFields):
    """A partner's referral: the person, why, their needs and the risks."""

    programme = model_choice("Programme", Programme.objects.filter(is_active=True), radios=True)
    reason = long_text(
        "Why are you referring them?",
        hint="What is happening, and what help you think they need. Agencies that can see the case see "
        "this: put health details in the needs below, not here.",
        message="Enter why you are referring them",
    )
    needs = forms.ModelMultipleChoiceField(
        label="Areas of need",
        queryset=NeedDomain.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply. Health and drug or alcohol needs are health data: they are shared only "
        "with agencies whose agreement covers health.",
    )
    risk_level = choice(
        "Risk",
        RiskLevel.choices,
        hint="Risk to the person, to others or to workers visiting them",
        message="Select the level of risk",
    )
    risk_notes = long_text("Risk details", required=False, hint="For example: dog at the address, visit in pairs")
    iom_cohort = choice(
        "IOM cohort",
        _blank(IomCohort.choices, "Not IOM"),
        required=False,
        hint="Only for Integrated Offender Management",
    )

    field_order = [
        "programme",
        *PERSON,
        "ethnicity",
        "sexual_orientation",
        "reason",
        "needs",
        "risk_level",
        "risk_notes",
        "basis",
        "basis_reason",
    ]

    def person_details(self) -> PersonDetails:
        details = super().person_details()
        return PersonDetails(
            **{**details.__dict__, **{k: self.cleaned_data.get(k) or "" for k in ("ethnicity", "sexual_orientation")}}
        )


class PublicReferralForm(PersonFields):
    """Anyone can ask Early Action to help someone."""

    referrer_name = text("Your name", max_length=150, name=True)
    referrer_contact = text("Your phone number or email address", hint="So the team can contact you about the referral")
    relationship = text(
        "How do you know them?",
        max_length=100,
        hint="For example: neighbour, family member, GP",
        message="Enter how you know them",
    )
    person_aware = choice(
        "Do they know you are making this referral?",
        [("yes", "Yes"), ("no", "No")],
        message="Select yes if they know you are making this referral",
    )
    reason = long_text(
        "What help do they need?",
        hint="What is happening, and what you are worried about",
        message="Enter what help they need",
    )

    field_order = ["referrer_name", "referrer_contact", "relationship", *PERSON, "person_aware", "reason"]

    def reason_text(self) -> str:
        data = self.cleaned_data
        aware = "knows" if data["person_aware"] == "yes" else "does not know"
        return f"{data['reason']}\n\nReferred by their {data['relationship']}; the person {aware} about this referral."
