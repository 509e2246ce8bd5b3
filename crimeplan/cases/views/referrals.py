"""Referrals: partner staff, and anyone through the public form."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from crimeplan.cases.constants import RiskLevel
from crimeplan.cases.forms.referrals import PublicReferralForm, ReferralForm
from crimeplan.cases.models import Programme, ReferralSource
from crimeplan.cases.permissions import Action, require
from crimeplan.cases.services.referrals import refer
from crimeplan.cases.views.common import posted
from crimeplan.core.forms import attempt
from crimeplan.core.permissions import public, signed_in
from crimeplan.core.ratelimit import client_address, limit


@signed_in
def partner_referral(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.REFER)
    form = ReferralForm(posted(request))
    made = {}

    def handle() -> None:
        data = form.cleaned_data
        made["case"] = refer(
            by=request.user,
            programme=data["programme"],
            person=form.person_details(),
            reason=data["reason"],
            needs=data["needs"],
            risk_level=data["risk_level"],
            risk_notes=data["risk_notes"],
            iom_cohort=data["iom_cohort"],
            basis=data["basis"],
            basis_reason=data["basis_reason"],
        )

    if request.method == "POST" and attempt(form, handle)[0]:
        case = made["case"]
        messages.success(request, f"Referral made: case {case.reference}, owned by {case.owner}")
        return redirect("cases:detail", reference=case.reference)
    return render(request, "cases/refer.html", {"form": form})


def _public_programme() -> Programme | None:
    return Programme.objects.filter(is_active=True, accepts_public_referrals=True).order_by("pk").first()


@public
def public_referral(request: HttpRequest) -> HttpResponse:
    """No sign-in: the programme's lead organisation owns what arrives."""
    programme = _public_programme()
    form = PublicReferralForm(posted(request))

    def handle() -> None:
        data = form.cleaned_data
        assert programme is not None
        limit(
            "public-referral", client_address(request), times=settings.PUBLIC_FORM_LIMIT, per_s=3600,
            message="Too many referrals have been sent from your connection in the last hour. "
            "Try again later, or telephone the programme team.",
        )  # fmt: skip
        refer(
            by=request.user,
            programme=programme,
            person=form.person_details(),
            reason=form.reason_text(),
            risk_level=RiskLevel.MEDIUM,
            source=ReferralSource.PUBLIC,
            referrer_name=data["referrer_name"],
            referrer_contact=data["referrer_contact"],
        )

    if programme is not None and request.method == "POST" and attempt(form, handle)[0]:
        return redirect("cases:public_referral_done")
    return render(request, "cases/public_refer.html", {"form": form, "programme": programme})


@public
def public_referral_done(request: HttpRequest) -> HttpResponse:
    return render(request, "cases/public_refer_done.html", {"programme": _public_programme()})
