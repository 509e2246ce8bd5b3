"""Forms of the register for staff with ``ocg.manage_register``: groups, scores, 4P actions, disruptions, crimes.

A group the user may not read is a 404 exactly as a missing one (the selectors decide), so the forms of a
group reveal nothing more than its page does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms as django_forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from crimeplan.core.forms import attempt
from crimeplan.core.permissions import requires
from crimeplan.ocg import forms, selectors
from crimeplan.ocg.models import OrganisedCrimeGroup
from crimeplan.ocg.permissions import MANAGE
from crimeplan.ocg.services import register
from crimeplan.ocg.services.scoring import score_group


def _page(request: HttpRequest, form: django_forms.Form, title: str, group: OrganisedCrimeGroup | None) -> HttpResponse:
    return render(request, "ocg/form.html", {"form": form, "title": title, "group": group})


def _group_form(
    request: HttpRequest,
    reference: str,
    form_class: type[django_forms.Form],
    title: str,
    save: Callable[[OrganisedCrimeGroup, Any], object],
    initial: dict[str, object] | None = None,
) -> HttpResponse:
    group = selectors.group_for(user=request.user, reference=reference)
    form = form_class(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        ok, _ = attempt(form, lambda: save(group, form))
        if ok:
            return redirect("ocg:group", reference=group.reference)
    return _page(request, form, f"{title}: {group.reference}", group)


@requires(MANAGE)
def group_add(request: HttpRequest) -> HttpResponse:
    form = forms.GroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ok, group = attempt(form, lambda: register.create_group(user=request.user, **form.cleaned_data))
        if ok and group is not None:
            return redirect("ocg:group", reference=group.reference)
    return _page(request, form, "Add an organised crime group", None)


@requires(MANAGE)
def score(request: HttpRequest, reference: str) -> HttpResponse:
    def save(group: OrganisedCrimeGroup, form: Any) -> object:
        data = form.cleaned_data
        return score_group(
            user=request.user, group=group, inputs=form.inputs(), confidence=data["confidence"], on=data["on"]
        )

    initial = {"on": timezone.localdate(), "confidence": "medium"}
    return _group_form(request, reference, forms.ScoreForm, "Score the threat", save, initial)


@requires(MANAGE)
def action_add(request: HttpRequest, reference: str) -> HttpResponse:
    def save(group: OrganisedCrimeGroup, form: Any) -> object:
        return register.add_action(user=request.user, group=group, **form.cleaned_data)

    return _group_form(request, reference, forms.ActionForm, "Add a 4P action", save)


@requires(MANAGE)
def disruption_add(request: HttpRequest, reference: str) -> HttpResponse:
    def save(group: OrganisedCrimeGroup, form: Any) -> object:
        return register.record_disruption(user=request.user, group=group, **form.cleaned_data)

    return _group_form(request, reference, forms.DisruptionForm, "Record a disruption", save)


@requires(MANAGE)
def crime_add(request: HttpRequest, reference: str) -> HttpResponse:
    def save(group: OrganisedCrimeGroup, form: Any) -> object:
        data = {k: v for k, v in form.cleaned_data.items() if v not in (None, "") or k == "source"}
        return register.link_crime(user=request.user, group=group, linked_on=timezone.localdate(), **data)

    return _group_form(request, reference, forms.LinkedCrimeForm, "Link a recorded crime", save)
