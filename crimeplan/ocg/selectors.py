"""Reading the register and its networks, scoped to what the acting user may see."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from django.conf import settings
from django.db.models import Model, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.text import slugify

from crimeplan.analytics.crime_harm import Comparison, HarmScore, WeightedCrime, compare, harm_score
from crimeplan.analytics.harm import HarmWeights
from crimeplan.analytics.network import Link as NetworkLink
from crimeplan.analytics.network import Network, build_network
from crimeplan.core.store import harm_weights
from crimeplan.ocg.constants import CrimeSource, DisruptionGrade, Exploitation, GroupStatus, Market, Role
from crimeplan.ocg.models import (
    Disruption,
    Entity,
    ImportedNetwork,
    Link,
    LinkedCrime,
    ModernSlaveryRecord,
    Nominal,
    OrganisedCrimeGroup,
    PlanAction,
    at_either_end,
)
from crimeplan.ocg.permissions import readable

M = TypeVar("M", bound=Model)


def visible_groups(*, user: Any, query: str = "") -> QuerySet[OrganisedCrimeGroup]:
    groups = OrganisedCrimeGroup.objects.filter(readable(user))
    if query:
        groups = groups.filter(name__icontains=query) | groups.filter(reference__icontains=query)
    return groups.order_by("reference")


def group_for(*, user: Any, reference: str) -> OrganisedCrimeGroup:
    """The group, or 404 whether it is missing or the user may not read it (the two look the same)."""
    found = visible_groups(user=user).filter(reference=reference).first()
    if found is None:
        raise Http404("No group found")
    return found


def _one(items: QuerySet[M], user: Any, what: str, **filters: Any) -> M:
    """The one item the filters name, or 404 whether it is missing or the user may not read it (the same)."""
    found = items.filter(readable(user), **filters).first()
    if found is None:
        raise Http404(f"No {what} found")
    return found


def nominal_for(*, user: Any, group: OrganisedCrimeGroup, reference: str) -> Nominal:
    """A nominal of the group the user may read, or 404."""
    return _one(group.nominals.all(), user, "nominal", reference=reference)


def entity_for(*, user: Any, group: OrganisedCrimeGroup, pk: int) -> Entity:
    """An entity of the group the user may read, or 404."""
    return _one(group.entities.all(), user, "entity", pk=pk)


def link_for(*, user: Any, group: OrganisedCrimeGroup, pk: int) -> Link:
    """A link of the group the user may read, or 404."""
    return _one(group.links.all(), user, "link", pk=pk)


def nominal_links(*, user: Any, nominal: Nominal) -> QuerySet[Link]:
    """The links the user may read that have the nominal at either end."""
    return links_at(user=user, name=nominal.reference)


def links_at(*, user: Any, name: str) -> QuerySet[Link]:
    """The links the user may read with the named item (a nominal's reference or ``E<pk>``) at either end."""
    return Link.objects.filter(readable(user)).filter(at_either_end(name))


def link_endpoints(*, user: Any, group: OrganisedCrimeGroup) -> list[tuple[str, str, Nominal | Entity]]:
    """(endpoint, label, item) for every nominal and entity of the group the user may read.

    Endpoints are named as links name them: a nominal by its reference, an entity as ``E<pk>``.
    """
    readable_nominals = group.nominals.filter(readable(user))
    nominals = [(n.reference, f"{n.reference} ({n.get_role_display()})", n) for n in readable_nominals]
    entities = [(f"E{e.pk}", str(e), e) for e in group.entities.filter(readable(user))]
    return [*nominals, *entities]


def visible_networks(*, user: Any) -> QuerySet[ImportedNetwork]:
    return ImportedNetwork.objects.filter(readable(user))


def network_for(*, user: Any, name: str) -> ImportedNetwork:
    found = visible_networks(user=user).filter(name=name).first()
    if found is None:
        raise Http404("No network found")
    return found


def as_network(record: ImportedNetwork) -> Network:
    """The stored network as the analytics library's :class:`Network`."""
    return Network(
        nodes=tuple(record.nodes),
        edges=tuple((int(i), int(j), float(w)) for i, j, w in record.edges),
        name=record.name,
    )


def group_network(*, user: Any, group: OrganisedCrimeGroup) -> Network:
    """The links of a group the user may read, as a weighted network."""
    links = Link.objects.filter(readable(user), group=group)
    return build_network(
        (NetworkLink(x.source, x.target, x.weight, x.starts_on, x.ends_on) for x in links), name=group.reference
    )


def nrm_context() -> list[dict[str, object]]:
    """Home Office NRM referrals made by the force as first responder, by quarter (empty when not loaded)."""
    from crimeplan.ocg.nrm import force_referrals

    return force_referrals()


def visible_slavery_records(*, user: Any) -> QuerySet[ModernSlaveryRecord]:
    return ModernSlaveryRecord.objects.filter(readable(user)).select_related("group")


def slavery_record_for(*, user: Any, reference: str) -> ModernSlaveryRecord:
    """The record, or 404 whether it is missing or the user may not read it."""
    found = visible_slavery_records(user=user).filter(reference=reference).first()
    if found is None:
        raise Http404("No record found")
    return found


def _weighted(crime: LinkedCrime, weights: HarmWeights) -> WeightedCrime:
    if crime.source == CrimeSource.RECORDED:
        return WeightedCrime(crime.offence, crime.month, float(crime.cchi_days or 0.0))
    return WeightedCrime(crime.crime_type, crime.month, weights.weight(crime.crime_type) or 0.0)


def group_harm(*, user: Any, group: OrganisedCrimeGroup) -> tuple[list[LinkedCrime], HarmScore, Comparison]:
    """The crimes linked to the group the user may read, their CCHI harm, and how it compares with the threat score."""
    crimes = list(group.crimes.filter(readable(user)))
    weights = harm_weights(settings.DEFAULT_FORCE)
    harm = harm_score(_weighted(c, weights) for c in crimes)
    latest = group.scores.first()
    if latest is None:
        return crimes, harm, compare(harm, None, {})
    scored = latest.scored_on.strftime("%Y-%m")
    return crimes, harm, compare(harm, latest.band, latest.inputs, unknown=latest.unknown, scored_month=scored)


@dataclass(frozen=True)
class LocalProfile:
    """A SOC local profile of one community safety partnership, from the register as the user may see it."""

    csp: str
    groups: list[dict[str, object]]
    markets: list[tuple[str, int]]
    harm_days: float
    vulnerabilities: list[tuple[str, int]]
    actions: list[PlanAction]
    overdue: int
    disruptions: list[tuple[str, int]]


def csps(*, user: Any) -> list[tuple[str, str]]:
    """(slug, name) of the partnerships named on groups the user may read."""
    names = visible_groups(user=user).exclude(csp="").values_list("csp", flat=True).distinct()
    return sorted({(slugify(n), n) for n in names}, key=lambda t: t[1])


def local_profile(*, user: Any, slug: str) -> LocalProfile:
    """The profile of the partnership with this slug; 404 when the user may read no group in it."""
    name = dict(csps(user=user)).get(slug)
    if name is None:
        raise Http404("No profile found")
    groups = list(visible_groups(user=user).filter(csp=name).exclude(status=GroupStatus.ARCHIVED))
    labels = dict(Market.choices)
    markets: dict[str, int] = {}
    rows, total = [], 0.0
    for group in groups:
        for market in group.markets:
            markets[labels.get(market, market)] = markets.get(labels.get(market, market), 0) + 1
        _, harm, comparison = group_harm(user=user, group=group)
        total += harm.days
        rows.append({"group": group, "harm": harm, "comparison": comparison})
    today = timezone.localdate()
    actions = list(
        PlanAction.objects.filter(plan__group__in=groups, plan__closed_on__isnull=True)
        .filter(readable(user, "plan__"))
        .select_related("plan__group")
    )
    return LocalProfile(
        csp=name,
        groups=rows,
        markets=sorted(markets.items(), key=lambda kv: (-kv[1], kv[0])),
        harm_days=total,
        vulnerabilities=_vulnerabilities(user, groups),
        actions=actions,
        overdue=sum(1 for a in actions if a.done_on is None and a.due_on < today),
        disruptions=_disruption_grades(user, groups),
    )


def _vulnerabilities(user: Any, groups: list[OrganisedCrimeGroup]) -> list[tuple[str, int]]:
    """Exploited victims on the register by exploitation type, and children among them."""
    records = ModernSlaveryRecord.objects.filter(readable(user), group__in=groups)
    labels = dict(Exploitation.choices)
    counts: dict[str, int] = {}
    for record in records:
        for kind in record.exploitation:
            counts[labels.get(kind, kind)] = counts.get(labels.get(kind, kind), 0) + 1
    children = records.filter(is_child=True).count()
    victims = Nominal.objects.filter(readable(user), group__in=groups, role=Role.VICTIM).count()
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [("Victims (exploited) on the register", victims), ("Children referred to the NRM", children), *rows]


def _disruption_grades(user: Any, groups: list[OrganisedCrimeGroup]) -> list[tuple[str, int]]:
    rows = Disruption.objects.filter(readable(user), group__in=groups)
    return [(label, rows.filter(grade=grade).count()) for grade, label in DisruptionGrade.choices]
