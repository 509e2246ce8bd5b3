"""Information-sharing agreements as other modules may read them: in force for an organisation, on a date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet

from crimeplan.cases.models import InformationSharingAgreement
from crimeplan.cases.permissions import Action, can, organisation_of


@dataclass(frozen=True)
class AgreementTerms:
    pk: int
    title: str
    purpose: str
    legal_gateway: str


def agreement_in_force(*, pk: int, organisation: Any, on: date) -> AgreementTerms | None:
    """The agreement's terms when ``organisation`` is a party and it is in force on ``on``; else ``None``."""
    found = (
        InformationSharingAgreement.objects.filter(pk=pk, parties=organisation, starts_on__lte=on)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on))
        .first()
    )
    if found is None:
        return None
    gateway = found.get_legal_gateway_display() + (
        f" ({found.legal_gateway_detail})" if found.legal_gateway_detail else ""
    )
    return AgreementTerms(pk=found.pk, title=found.title, purpose=found.purpose, legal_gateway=gateway)


def agreements_for(user: Any) -> QuerySet[InformationSharingAgreement]:
    """The agreements the user may read: all for those who record agreements, else their organisation's."""
    everything = InformationSharingAgreement.objects.prefetch_related("parties", "programmes")
    if can(user, Action.RECORD_AGREEMENT):
        return everything
    return everything.filter(parties=organisation_of(user))
