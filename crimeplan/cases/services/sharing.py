"""Recording agreements, consent and lawful exceptions."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from crimeplan.accounts.models import Organisation
from crimeplan.audit.services import record_event
from crimeplan.cases.constants import ConsentStatus, DataCategory, EntryKind
from crimeplan.cases.events import AgreementRecorded, ConsentRecorded, LawfulExceptionRecorded
from crimeplan.cases.models import Case, ConsentRecord, InformationSharingAgreement, LawfulException, Programme
from crimeplan.cases.services.common import add_to_timeline, audit_case, name_of, save, today


@transaction.atomic
def record_agreement(
    *,
    by: Any,
    title: str,
    purpose: str,
    legal_gateway: str,
    parties: Iterable[Organisation],
    programmes: Iterable[Programme],
    data_categories: Iterable[str],
    starts_on: date,
    review_on: date,
    ends_on: date | None = None,
    legal_gateway_detail: str = "",
) -> InformationSharingAgreement:
    parties, programmes = list(parties), list(programmes)
    if len(parties) < 2:
        raise ValidationError({"parties": ValidationError("An agreement needs at least two parties", code="too_few")})
    if not programmes:
        raise ValidationError(
            {"programmes": ValidationError("Choose the programmes whose cases the agreement covers", code="required")}
        )
    agreement = InformationSharingAgreement(
        title=title,
        purpose=purpose,
        legal_gateway=legal_gateway,
        legal_gateway_detail=legal_gateway_detail,
        data_categories=sorted(set(data_categories)),
        starts_on=starts_on,
        review_on=review_on,
        ends_on=ends_on,
        created_by=by if getattr(by, "pk", None) else None,
    )
    save(agreement)
    agreement.parties.set(parties)
    agreement.programmes.set(programmes)
    record_event(
        AgreementRecorded(title=title, legal_gateway=legal_gateway), actor=by, obj=agreement, purpose="Governance"
    )
    return agreement


def _party_to(case: Case, agreement: InformationSharingAgreement) -> None:
    if not agreement.parties.filter(pk=case.owner_id).exists():
        raise ValidationError(
            {"agreement": ValidationError(f"{case.owner} is not a party to {agreement}", code="not_party")}
        )
    if not agreement.programmes.filter(pk=case.programme_id).exists():
        raise ValidationError(
            {"agreement": ValidationError(f"{agreement} does not cover {case.programme}", code="not_covered")}
        )


@transaction.atomic
def record_consent(
    *,
    case: Case,
    by: Any,
    agreement: InformationSharingAgreement,
    status: str,
    given_by: str,
    scope: str,
    version: str,
    recorded_on: date | None = None,
) -> ConsentRecord:
    """Consent given or withdrawn by the case's person; withdrawal stops sharing at once."""
    _party_to(case, agreement)
    recorded_on = recorded_on or today()
    if recorded_on > today():
        raise ValidationError({"recorded_on": ValidationError("The date must be today or in the past", code="future")})
    consent = ConsentRecord(
        person=case.person,
        agreement=agreement,
        status=status,
        given_by=given_by,
        scope=scope,
        version=version,
        recorded_on=recorded_on,
        recorded_by=by,
        recorded_by_name=name_of(by),
    )
    save(consent)
    verb = "given" if status == ConsentStatus.GIVEN else "withdrawn"
    add_to_timeline(
        case=case,
        by=by,
        kind=EntryKind.SHARING,
        summary=f"Consent {verb} for sharing under {agreement.title} (form {version})",
        occurred_on=recorded_on,
        data_category=DataCategory.IDENTITY,
    )
    audit_case(ConsentRecorded(reference=case.reference, agreement=agreement.title, status=status), case=case, by=by)
    return consent


@transaction.atomic
def record_exception(
    *,
    case: Case,
    by: Any,
    agreement: InformationSharingAgreement,
    reason: str,
    expires_on: date,
    decided_on: date | None = None,
) -> LawfulException:
    """Share the case under the agreement without consent, for a stated lawful reason, until a date."""
    _party_to(case, agreement)
    decided_on = decided_on or today()
    exception = LawfulException(
        case=case,
        agreement=agreement,
        reason=reason,
        decided_by=by,
        decided_by_name=name_of(by),
        decided_on=decided_on,
        expires_on=expires_on,
    )
    save(exception)
    add_to_timeline(
        case=case,
        by=by,
        kind=EntryKind.SHARING,
        summary=f"Shared without consent under {agreement.title} until {expires_on:%d %B %Y}",
        text=reason,
        occurred_on=decided_on,
        data_category=DataCategory.IDENTITY,
    )
    audit_case(
        LawfulExceptionRecorded(reference=case.reference, agreement=agreement.title, expires_on=str(expires_on)),
        case=case,
        by=by,
    )
    return exception
