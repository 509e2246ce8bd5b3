"""Forms of the register for staff with ``ocg.manage_register``: groups, scores, 4P actions, disruptions, crimes,
nominals, entities and links; and the page of a nominal (``ocg.view_register``).

A group the user may not read is a 404 exactly as a missing one (the selectors decide), so the forms of a
group reveal nothing more than its page does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms as django_forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from crimeplan.audit.services import record_event
from crimeplan.core.forms import attempt
from crimeplan.core.permissions import requires
from crimeplan.ocg import forms, selectors
from crimeplan.ocg.events import NominalAccessRefused, NominalViewed
from crimeplan.ocg.models import Nominal, OrganisedCrimeGroup
from crimeplan.ocg.permissions import MANAGE, VIEW
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


@requires(MANAGE)
def nominal_add(request: HttpRequest, reference: str) -> HttpResponse:
    def save(group: OrganisedCrimeGroup, form: Any) -> object:
        return register.add_nominal(user=request.user, group=group, **form.cleaned_data)

    return _group_form(request, reference, forms.NominalForm, "Add a nominal", save)


@requires(MANAGE)
def entity_add(request: HttpRequest, reference: str) -> HttpResponse:
    def save(group: OrganisedCrimeGroup, form: Any) -> object:
        return register.add_entity(user=request.user, group=group, **form.cleaned_data)

    return _group_form(request, reference, forms.EntityForm, "Add a vehicle, business, phone or premises", save)


@requires(MANAGE)
def link_add(request: HttpRequest, reference: str) -> HttpResponse:
    """The ends offered are the group's nominals and entities the user may read; showing them is audited."""
    group = selectors.group_for(user=request.user, reference=reference)
    endpoints = selectors.link_endpoints(user=request.user, group=group)
    form = forms.LinkForm(request.POST or None, endpoints=[(name, label) for name, label, _ in endpoints])
    if request.method == "POST" and form.is_valid():
        ok, _ = attempt(form, lambda: register.add_link(user=request.user, group=group, **form.cleaned_data))
        if ok:
            return redirect("ocg:group", reference=group.reference)
    nominals = sum(1 for _, _, item in endpoints if isinstance(item, Nominal))
    record_event(
        NominalViewed(reference=group.reference, nominal="", rows=nominals, via="link form"),
        request=request,
        obj=group,
        purpose=register.PURPOSE,
    )
    return _page(request, form, f"Link two items: {group.reference}", group)


@requires(VIEW)
def nominal_detail(request: HttpRequest, reference: str, nominal: str) -> HttpResponse:
    """A nominal's role, aliases, dates and links; missing or not readable is the same 404, and refusals are audited."""
    group = selectors.group_for(user=request.user, reference=reference)
    try:
        found = selectors.nominal_for(user=request.user, group=group, reference=nominal)
    except Http404:
        if group.nominals.filter(reference=nominal).exists():
            record_event(
                NominalAccessRefused(reference=group.reference, nominal=nominal),
                request=request,
                purpose=register.PURPOSE,
            )
        raise
    record_event(
        NominalViewed(reference=group.reference, nominal=found.reference, rows=1, via="page"),
        request=request,
        obj=found,
        purpose=register.PURPOSE,
    )
    links = selectors.nominal_links(user=request.user, nominal=found)
    context = {"group": group, "nominal": found, "links": links}
    return render(request, "ocg/nominal.html", context)
