"""Emails to applicants, sent through Django's email backend (files, SMTP or GOV.UK Notify)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from crimeplan.core.context_processors import contact
from crimeplan.grants.access import TOKEN_DAYS
from crimeplan.grants.models import Application, Decision


def return_url(token: str) -> str:
    return settings.BASE_URL + reverse("grants:return", kwargs={"token": token})


def _send(application: Application, template: str, subject: str, token: str, **extra: Any) -> None:
    context = {
        "application": application,
        "link": return_url(token),
        "days": TOKEN_DAYS,
        "contact": contact(),
        **extra,
    }
    body = render_to_string(f"grants/email/{template}.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [application.email])


def send_return_link(application: Application, token: str) -> None:
    _send(application, "return_link", f"Your application to the {application.round.fund.name}", token)


def send_confirmation(application: Application, token: str) -> None:
    _send(application, "confirmation", f"Application {application.reference} received", token)


def send_decision(application: Application, decision: Decision, token: str) -> None:
    subject = f"Decision on application {application.reference}"
    _send(application, "decision", subject, token, decision=decision)
