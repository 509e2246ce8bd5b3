"""Reading the register and its networks, scoped to what the acting user may see."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from crimeplan.analytics.network import Link as NetworkLink
from crimeplan.analytics.network import Network, build_network
from crimeplan.ocg.models import ImportedNetwork, Link, OrganisedCrimeGroup
from crimeplan.ocg.permissions import readable


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
