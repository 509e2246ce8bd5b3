"""Forms of the register for staff with ``ocg.manage_register``: groups, scores, 4P actions, disruptions, crimes,
nominals, entities and links, and the forms that correct or remove a nominal, entity or link; and the page of a
nominal (``ocg.view_register``). A form that shows a nominal, entity or link is audited as a read of it.

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
from crimeplan.ocg.events import NominalAccessRefused, NominalViewed, RegisterItemViewed
from crimeplan.ocg.models import Entity, Link, Nominal, OrganisedCrimeGroup
from crimeplan.ocg.permissions import MANAGE, VIEW
from crimeplan.ocg.services import corrections, register
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


def _nominal(request: HttpRequest, group: OrganisedCrimeGroup, reference: str, via: str) -> Nominal:
    """The nominal, its reading audited; missing or not readable is the same 404, and a refusal is audited."""
    try:
        found = selectors.nominal_for(user=request.user, group=group, reference=reference)
    except Http404:
        if group.nominals.filter(reference=reference).exists():
            record_event(
                NominalAccessRefused(reference=group.reference, nominal=reference),
                request=request,
                purpose=register.PURPOSE,
            )
        raise
    record_event(
        NominalViewed(reference=group.reference, nominal=found.reference, rows=1, via=via),
        request=request,
        obj=found,
        purpose=register.PURPOSE,
    )
    return found


def _item_viewed(request: HttpRequest, group: OrganisedCrimeGroup, item: Entity | Link, via: str) -> None:
    kind, label = ("entity", f"E{item.pk}") if isinstance(item, Entity) else ("link", str(item))
    event = RegisterItemViewed(reference=group.reference, item=kind, label=label, via=via)
    record_event(event, request=request, obj=item, purpose=register.PURPOSE)


@requires(VIEW)
def nominal_detail(request: HttpRequest, reference: str, nominal: str) -> HttpResponse:
    """A nominal's role, aliases, dates and links; missing or not readable is the same 404, and refusals are audited."""
    group = selectors.group_for(user=request.user, reference=reference)
    found = _nominal(request, group, nominal, "page")
    links = selectors.nominal_links(user=request.user, nominal=found)
    context = {"group": group, "nominal": found, "links": links, "may_manage": request.user.has_perm(MANAGE)}
    return render(request, "ocg/nominal.html", context)


@requires(MANAGE)
def nominal_change(request: HttpRequest, reference: str, nominal: str) -> HttpResponse:
    """Correct a nominal's role, aliases, dates or marking (its reference stays: links use it)."""
    group = selectors.group_for(user=request.user, reference=reference)
    found = _nominal(request, group, nominal, "change form")
    initial = {f: getattr(found, f) for f in corrections.NOMINAL_FIELDS} | {"aliases": "\n".join(found.aliases)}
    form = forms.NominalChangeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        ok, _ = attempt(form, lambda: corrections.change_nominal(user=request.user, nominal=found, **form.cleaned_data))
        if ok:
            return redirect("ocg:nominal", reference=group.reference, nominal=found.reference)
    return _page(request, form, f"Change nominal {found.reference}", group)


@requires(MANAGE)
def nominal_remove(request: HttpRequest, reference: str, nominal: str) -> HttpResponse:
    group = selectors.group_for(user=request.user, reference=reference)
    found = _nominal(request, group, nominal, "removal form")
    rows = [("Reference", found.reference), ("Role", found.get_role_display())]
    return _removal(
        request, group, f"Remove nominal {found.reference}", rows, found.reference,
        lambda reason: corrections.remove_nominal(user=request.user, nominal=found, reason=reason),
    )  # fmt: skip


@requires(MANAGE)
def entity_change(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    group = selectors.group_for(user=request.user, reference=reference)
    entity = selectors.entity_for(user=request.user, group=group, pk=pk)
    form = forms.EntityForm(request.POST or None, initial={f: getattr(entity, f) for f in corrections.ENTITY_FIELDS})
    if request.method == "POST" and form.is_valid():
        ok, _ = attempt(form, lambda: corrections.change_entity(user=request.user, entity=entity, **form.cleaned_data))
        if ok:
            return redirect("ocg:group", reference=group.reference)
    _item_viewed(request, group, entity, "change form")
    return _page(request, form, f"Change E{entity.pk}", group)


@requires(MANAGE)
def entity_remove(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    group = selectors.group_for(user=request.user, reference=reference)
    entity = selectors.entity_for(user=request.user, group=group, pk=pk)
    _item_viewed(request, group, entity, "removal form")
    rows = [("Name in links", f"E{entity.pk}"), ("Kind", entity.get_kind_display()), ("Description", entity.label)]
    return _removal(
        request, group, f"Remove E{entity.pk}", rows, f"E{entity.pk}",
        lambda reason: corrections.remove_entity(user=request.user, entity=entity, reason=reason),
    )  # fmt: skip


@requires(MANAGE)
def link_remove(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    group = selectors.group_for(user=request.user, reference=reference)
    link = selectors.link_for(user=request.user, group=group, pk=pk)
    _item_viewed(request, group, link, "removal form")
    rows = [("From", link.source), ("To", link.target), ("Type", link.get_kind_display()), ("Grading", link.grading)]
    return _removal(
        request, group, f"Remove the link {link.source}–{link.target}", rows, "",
        lambda reason: corrections.remove_link(user=request.user, link=link, reason=reason),
    )  # fmt: skip


def _removal(
    request: HttpRequest,
    group: OrganisedCrimeGroup,
    title: str,
    rows: list[tuple[str, str]],
    name: str,
    remove: Callable[[str], object],
) -> HttpResponse:
    """Ask for the reason, then remove; ``name`` is the item's name in links ("" for a link), to count its links."""
    form = forms.RemovalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ok, _ = attempt(form, lambda: remove(form.cleaned_data["reason"]))
        if ok:
            return redirect("ocg:group", reference=group.reference)
    links = selectors.links_at(user=request.user, name=name).count() if name else 0
    context = {"form": form, "title": title, "group": group, "rows": rows, "links": links}
    return render(request, "ocg/remove.html", context)
