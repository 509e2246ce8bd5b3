"""Emails to agencies about their cases, through Django's email backend (files, SMTP or GOV.UK Notify).

An email names no person: it gives the case's reference, programme and a link to the queue of new
referrals, so nothing personal leaves the service by email.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from crimeplan.cases.models import Case
from crimeplan.core.context_processors import contact


def owner_addresses(case: Case) -> list[str]:
    """The email addresses of the owning agency's active staff."""
    users = get_user_model().objects.filter(organisation=case.owner, is_active=True).exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


def tell_owner_of_referral(case: Case) -> int:
    """Tell the owning agency a new referral is waiting; returns how many addresses were sent to."""
    addresses = owner_addresses(case)
    if not addresses:
        return 0
    context = {
        "case": case,
        "queue": settings.BASE_URL + reverse("cases:queue"),
        "source": case.get_source_display().lower(),
        "contact": contact(),
    }
    body = render_to_string("cases/email/new_referral.txt", context)
    subject = f"New referral to {case.programme.name}: case {case.reference}"
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, addresses)
    return len(addresses)
