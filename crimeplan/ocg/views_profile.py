"""SOC local profiles per community safety partnership: a page and a tagged PDF, drawn from the register.

A profile shows only what the reader may see of the register (handling code and need to know); a
partnership with no group the reader may see is "not found". Reads and downloads are audited.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from crimeplan.audit.services import record_event
from crimeplan.core.pdf import pdf_response, render_pdf
from crimeplan.core.permissions import requires
from crimeplan.ocg import selectors
from crimeplan.ocg.events import ProfileRead
from crimeplan.ocg.permissions import VIEW

PURPOSE = "SOC local profile"


@requires(VIEW)
def profiles(request: HttpRequest) -> HttpResponse:
    return render(request, "ocg/profiles.html", {"csps": selectors.csps(user=request.user)})


def _context(request: HttpRequest, slug: str, via: str) -> dict[str, object]:
    profile = selectors.local_profile(user=request.user, slug=slug)
    record_event(ProfileRead(csp=profile.csp, groups=len(profile.groups), via=via), request=request, purpose=PURPOSE)
    return {"profile": profile, "slug": slug, "today": timezone.localdate(), "now": timezone.now()}


@requires(VIEW)
def profile(request: HttpRequest, slug: str) -> HttpResponse:
    return render(request, "ocg/profile.html", _context(request, slug, "page"))


@requires(VIEW)
def profile_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    pdf = render_pdf("ocg/profile_pdf.html", _context(request, slug, "pdf"), request=request)
    return pdf_response(pdf, f"soc-local-profile-{slug}.pdf")
