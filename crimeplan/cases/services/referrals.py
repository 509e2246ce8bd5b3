"""Referrals: a person (found or new) and a new case in the ``referred`` status."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from crimeplan.accounts.models import Organisation
from crimeplan.audit.services import record_event
from crimeplan.cases import notifications
from crimeplan.cases.constants import ADULT_AGE, CONSENT_BASES, EntryKind, ReferralBasis, Status
from crimeplan.cases.events import CaseReferred
from crimeplan.cases.models import Case, NeedDomain, Person, Programme, ReferralSource, StatusChange, TeamMember
from crimeplan.cases.permissions import may_match, organisation_of
from crimeplan.cases.services.common import add_to_timeline, name_of, save
from crimeplan.core.exceptions import ApplicationError

PERSON_FIELDS = ("date_of_birth", "sex", "address", "postcode", "phone", "email", "ethnicity", "sexual_orientation")


@dataclass(frozen=True)
class PersonDetails:
    """Who is referred, as the referrer gave it."""

    given_name: str
    family_name: str
    date_of_birth: date | None = None
    sex: str = ""
    address: str = ""
    postcode: str = ""
    phone: str = ""
    email: str = ""
    ethnicity: str = ""
    sexual_orientation: str = ""
    is_example: bool = False


def _match(details: PersonDetails, referring: Organisation | None) -> Person | None:
    """A record with the same names and date of birth that the referring agency may be linked to."""
    if details.date_of_birth is None or referring is None:
        return None
    candidates = Person.objects.filter(
        given_name__iexact=details.given_name.strip(),
        family_name__iexact=details.family_name.strip(),
        date_of_birth=details.date_of_birth,
    ).order_by("pk")
    return next((person for person in candidates if may_match(referring, person)), None)


def find_or_create_person(
    details: PersonDetails, *, referring: Organisation | None, holder: Organisation | None
) -> Person:
    """The person with the same names and date of birth, with blanks filled in; else a new person.

    A record is found only for a ``referring`` agency that holds it or may already see it under an
    agreement with the person's consent (``permissions.may_match``); anonymous referrals
    (``referring=None``) and referrals without a date of birth always make a new record, held by
    ``holder``. Candidate duplicates are listed by ``selectors.people.candidate_duplicates``.
    """
    person = _match(details, referring) or Person(
        given_name=details.given_name.strip(),
        family_name=details.family_name.strip(),
        is_example=details.is_example,
        holder=holder,
    )
    for name in PERSON_FIELDS:
        if not getattr(person, name) and getattr(details, name):
            setattr(person, name, getattr(details, name))
    save(person)
    return person


def new_reference(programme: Programme) -> str:
    """``EA-7F3A2C``: the programme's code and six random hex digits (not guessable, not a count)."""
    while True:
        reference = f"{programme.code}-{secrets.token_hex(3).upper()}"
        if not Case.objects.filter(reference=reference).exists():
            return reference


def _owner(programme: Programme, by: Any, source: str) -> Organisation:
    if programme.lead_organisation is not None:
        return programme.lead_organisation
    organisation = organisation_of(by)
    if organisation is None or source == ReferralSource.PUBLIC:
        raise ApplicationError(
            f"{programme.name} has no lead organisation to receive this referral: ask the office to set one.",
            field="programme",
        )
    return organisation


@transaction.atomic
def refer(
    *,
    by: Any,
    programme: Programme,
    person: PersonDetails | Person,
    reason: str,
    risk_level: str,
    needs: Iterable[NeedDomain] = (),
    risk_notes: str = "",
    source: str = ReferralSource.PARTNER,
    referrer_name: str = "",
    referrer_contact: str = "",
    iom_cohort: str = "",
    basis: str = "",
    basis_reason: str = "",
    is_example: bool = False,
) -> Case:
    """Make the case; the referring agency joins the team when another agency owns it.

    A partner's referral records the person's consent or another lawful basis (``ReferralBasis``), with the
    reason where consent is not the basis; anyone under 18 is referred only with one, whoever refers them.
    Referrals from the public, a partner system or an ASB trigger may arrive without one: the owner records
    it before accepting the case (``casework.change_status``). The owning agency is told by email.
    """
    _check_open(programme, source)
    _check_basis(person, source, basis, basis_reason)
    owner = _owner(programme, by, source)
    if not isinstance(person, Person):
        referring = None if source == ReferralSource.PUBLIC else organisation_of(by)
        person = find_or_create_person(person, referring=referring, holder=owner)
    case = Case(
        reference=new_reference(programme),
        person=person,
        programme=programme,
        owner=owner,
        source=source,
        referred_by=organisation_of(by),
        referrer_name=referrer_name or name_of(by),
        referrer_contact=referrer_contact,
        reason=reason,
        risk_level=risk_level,
        risk_notes=risk_notes,
        iom_cohort=iom_cohort,
        basis=basis,
        basis_reason=basis_reason.strip() if basis not in CONSENT_BASES else "",
        status=Status.REFERRED,
        status_changed_at=timezone.now(),
        is_example=is_example,
    )
    save(case)
    _record_referral(case, by, needs)
    if case.referred_by_id != case.owner_id:
        transaction.on_commit(lambda: notifications.tell_owner_of_referral(case))
    return case


def age_on(born: date | None, day: date) -> int | None:
    if born is None:
        return None
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _check_basis(person: PersonDetails | Person, source: str, basis: str, reason: str) -> None:
    """Consent or a lawful basis (with its reason) is required from partners, and for anyone under 18."""
    if basis and basis not in ReferralBasis.values:
        raise ValidationError(
            {"basis": ValidationError("Select the person's consent or the lawful basis", code="basis")}
        )
    age = age_on(person.date_of_birth, timezone.localdate())
    child = age is not None and age < ADULT_AGE and source not in (ReferralSource.PUBLIC, ReferralSource.ASB_TRIGGER)
    if not basis and (source == ReferralSource.PARTNER or child):
        message = "Record the person's consent, or the lawful basis for referring them without it"
        if child:
            message = (
                f"They are {age}: someone under 18 can be referred only with their or a parent's consent, or a "
                "recorded lawful basis"
            )
        raise ValidationError({"basis": ValidationError(message, code="basis")})
    if basis and basis not in CONSENT_BASES and not reason.strip():
        raise ValidationError(
            {
                "basis_reason": ValidationError(
                    "Say why the person's consent is not the basis for this referral", code="basis_reason"
                )
            }
        )


def _check_open(programme: Programme, source: str) -> None:
    if not programme.is_active:
        raise ApplicationError(f"{programme.name} is not taking referrals.", field="programme")
    if source == ReferralSource.PUBLIC and not programme.accepts_public_referrals:
        raise ApplicationError(f"{programme.name} does not take referrals from the public.", field="programme")


def _record_referral(case: Case, by: Any, needs: Iterable[NeedDomain]) -> None:
    """The needs named, the first status, the referrer in the team, the timeline and the audit trail."""
    case.needs.set(needs)
    user, referring = _user(by), case.referred_by
    save(
        StatusChange(
            case=case,
            to_status=Status.REFERRED,
            reason=case.reason,
            by=user,
            by_name=name_of(by),
            at=case.status_changed_at,
        )
    )
    if referring is not None and referring != case.owner:
        save(TeamMember(case=case, organisation=referring, role="Referrer", added_by=user))
    who = referring.name if referring else f"a member of the public ({case.referrer_name})"
    add_to_timeline(case=case, by=by, kind=EntryKind.STATUS, summary=f"Referred to {case.programme.name} by {who}")
    record_event(
        CaseReferred(reference=case.reference, programme=case.programme.slug, source=case.source),
        actor=user,
        obj=case,
        purpose=f"Referral to {case.programme.name}",
    )


def _user(by: Any) -> Any:
    return by if getattr(by, "pk", None) else None
