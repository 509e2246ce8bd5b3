"""Issuing take-part links: the list of a neighbourhood's verified members (personal data, audited)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from crimeplan.audit.services import record_event
from crimeplan.core.forms import attempt
from crimeplan.core.permissions import requires
from crimeplan.engagement.pact.events import PactMembersListed
from crimeplan.engagement.pact.forms import IssueLinkForm
from crimeplan.engagement.pact.members import verified_members
from crimeplan.engagement.pact.models import Neighbourhood
from crimeplan.engagement.pact.permissions import ISSUE_LINKS
from crimeplan.engagement.pact.services.links import issue_link

PAGE = 200


@requires(ISSUE_LINKS)
def links(request: HttpRequest, slug: str) -> HttpResponse:
    place = get_object_or_404(Neighbourhood, slug=slug)
    form = IssueLinkForm(request.POST or None)
    link = None
    if request.method == "POST" and form.is_valid():
        _, path = attempt(form, lambda: issue_link(user=request.user, neighbourhood=place,
                                                   member_pk=form.cleaned_data["member"], request=request))  # fmt: skip
        link = request.build_absolute_uri(path) if path else None
    members = list(verified_members(place).order_by("pk").values("pk", "email", "phone", "lsoa_code")[:PAGE])
    record_event(PactMembersListed(neighbourhood=place.slug, rows=len(members)), request=request)
    context = {"neighbourhood": place, "members": members, "form": form, "link": link, "page": PAGE}
    return render(request, "pact/links.html", context)
