"""Take-part links: issued by staff to a member, or emailed to a verified member who asks for one."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.urls import reverse

from crimeplan.audit.services import record_event
from crimeplan.core.permissions import check
from crimeplan.engagement.pact.events import PactLinkIssued
from crimeplan.engagement.pact.members import verified_member, verified_member_by_email
from crimeplan.engagement.pact.models import Neighbourhood
from crimeplan.engagement.pact.permissions import ISSUE_LINKS
from crimeplan.engagement.pact.tokens import make_token


def link_path(neighbourhood: Neighbourhood, member_pk: int) -> str:
    token = make_token(member_pk, neighbourhood.slug)
    return reverse("pact:take_part", kwargs={"slug": neighbourhood.slug, "token": token})


def issue_link(*, user: Any, neighbourhood: Neighbourhood, member_pk: int, request: Any = None) -> str:
    """A take-part link for one verified member of the neighbourhood (staff hand it on or send it)."""
    check(user, ISSUE_LINKS)
    member = verified_member(neighbourhood, member_pk)
    if member is None:
        raise ValidationError("That person is not a verified member of this neighbourhood.", code="not_a_member_here")
    record_event(
        PactLinkIssued(member=member.pk, neighbourhood=neighbourhood.slug, via="staff"), actor=user, request=request
    )
    return link_path(neighbourhood, member.pk)


def send_link(*, neighbourhood: Neighbourhood, email: str, base_url: str, request: Any = None) -> bool:
    """Email a take-part link when the address is a verified member's here; the caller says the same either way."""
    member = verified_member_by_email(neighbourhood, email)
    if member is None:
        return False
    url = base_url.rstrip("/") + link_path(neighbourhood, member.pk)
    send_mail(
        subject=f"Your link to take part in {neighbourhood.name} PACT",
        message=(
            f"Use this link to propose issues and vote for {neighbourhood.name}'s PACT priorities:\n\n{url}\n\n"
            "It works for 30 days. Do not share it: it lets whoever has it vote as you.\n"
            "If you did not ask for it, you can ignore this email."
        ),
        from_email=None,
        recipient_list=[member.email],
    )
    record_event(PactLinkIssued(member=member.pk, neighbourhood=neighbourhood.slug, via="email"), request=request)
    return True
