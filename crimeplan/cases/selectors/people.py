"""Reading person records for data protection work: one record, and candidate duplicates.

A person page answers 404 — the same as a number that does not exist — to anyone who may not
see the record, so person numbers cannot be enumerated. Every read is audited here.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Count, QuerySet
from django.db.models.functions import Lower
from django.http import Http404, HttpRequest

from crimeplan.audit.services import record_event
from crimeplan.cases.constants import RECTIFY_PERMISSION
from crimeplan.cases.events import PeopleSearched, PersonViewed
from crimeplan.cases.models import Person
from crimeplan.cases.permissions import Action, can, can_rectify, organisation_of


def person_for(user: Any, pk: int, *, purpose: str, request: HttpRequest | None = None) -> Person:
    """The person, if the user may correct or export their record; the read is audited. 404 otherwise."""
    person = Person.objects.filter(pk=pk).first()
    if person is None or not (can(user, Action.SUBJECT_ACCESS) or can_rectify(user, person)):
        raise Http404("No person found")
    record_event(PersonViewed(), actor=user, request=request, obj=person, purpose=purpose)
    return person


def _entitled(user: Any) -> QuerySet[Person]:
    """The records whose duplicates the user may resolve: all for a data protection officer, else their agency's."""
    if can(user, Action.SUBJECT_ACCESS):
        return Person.objects.all()
    organisation = organisation_of(user)
    if organisation is None or not user.has_perm(RECTIFY_PERMISSION):
        return Person.objects.none()
    return Person.objects.filter(holder=organisation)


def candidate_duplicates(user: Any, *, request: HttpRequest | None = None) -> list[tuple[Person, ...]]:
    """Groups of records with the same names (ignoring case) and date of birth, each of which the user may see.

    Referrals make a new record rather than link to one the referring agency may not see, so the same
    person can be recorded twice; someone entitled to both (a data protection officer, or the agency
    holding both) compares them. Looking is audited (with the number of records shown).
    """
    people = _entitled(user).filter(date_of_birth__isnull=False).annotate(g=Lower("given_name"), f=Lower("family_name"))
    keys = people.values("g", "f", "date_of_birth").annotate(n=Count("pk")).filter(n__gt=1)
    wanted = {(k["g"], k["f"], k["date_of_birth"]) for k in keys}
    groups: dict[tuple[Any, ...], list[Person]] = defaultdict(list)
    for person in people.filter(date_of_birth__in={k[2] for k in wanted}).select_related("holder").order_by("pk"):
        key = (person.g, person.f, person.date_of_birth)
        if key in wanted:
            groups[key].append(person)
    found = [tuple(group) for group in groups.values()]
    record_event(
        PeopleSearched(rows=sum(map(len, found))),
        actor=user,
        request=request,
        purpose="Data protection: records that may be the same person",
    )
    return found
