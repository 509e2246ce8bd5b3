"""The directory of services cases can be referred to."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from crimeplan.cases.models import Service
from crimeplan.core.permissions import signed_in


@signed_in
def directory(request: HttpRequest) -> HttpResponse:
    services = Service.objects.filter(is_active=True).select_related("project").prefetch_related("domains")
    return render(request, "cases/services.html", {"services": services})
