"""Example register built from the Montagna research network (Cavallaro et al. 2020), never intelligence.

The nodes are the study's anonymised numeric identifiers; groups are the Leiden communities of the
meetings network; every record is marked ``is_example`` and named "Example", so it is never counted in
the plan's measures nor shown as real intelligence.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import transaction

from crimeplan.analytics.network.files import read_edges
from crimeplan.analytics.network.metrics import NodeMetrics, node_metrics
from crimeplan.audit.services import record_event
from crimeplan.ocg.constants import CrimeSource, Exploitation, HandlingCode, LinkKind, ProtectKind, Role, Strand
from crimeplan.ocg.events import ExampleRegisterLoaded
from crimeplan.ocg.models import (
    FourPPlan,
    ImportedNetwork,
    Link,
    LinkedCrime,
    ModernSlaveryRecord,
    Nominal,
    OrganisedCrimeGroup,
    PlanAction,
)
from crimeplan.ocg.services.networks import import_network
from crimeplan.ocg.services.slavery import record_slavery

FOLDER = "networks/montagna"
FILES = {
    "montagna-meetings": "Montagna_meetings_edgelist.csv",
    "montagna-phonecalls": "Montagna_phonecalls_edgelist.csv",
}
GROUPS = 4
EXAMPLE_CSP = "Example community safety partnership"
ORIGIN = "Cavallaro et al. 2020, Montagna operation court records (research data)"


def _role(metrics: NodeMetrics, top: float) -> str:
    if metrics.betweenness >= top:
        return Role.PRINCIPAL
    return Role.SIGNIFICANT if metrics.core >= 3 else Role.PERIPHERAL


def _clear() -> None:
    ModernSlaveryRecord.objects.filter(is_example=True).delete()
    OrganisedCrimeGroup.objects.filter(is_example=True).delete()
    Nominal.objects.filter(is_example=True).delete()
    ImportedNetwork.objects.filter(is_example=True).delete()


def _group(number: int, members: list[NodeMetrics], edges: list[tuple[str, str, float]]) -> tuple[int, int]:
    code = HandlingCode.OFFICIAL_SENSITIVE if number == GROUPS else HandlingCode.OFFICIAL
    group = OrganisedCrimeGroup.objects.create(
        reference=f"EX-{number}",
        name=f"Example group {number} (Montagna research network)",
        markets=[],
        handling_code=code,
        csp=EXAMPLE_CSP,
        is_example=True,
    )
    top = max(m.betweenness for m in members)
    for m in members:
        Nominal.objects.create(
            group=group, reference=f"EX-N{m.node}", role=_role(m, top), handling_code=code, is_example=True
        )
    names = {m.node for m in members}
    inside = [(a, b, w) for a, b, w in edges if a in names and b in names]
    Link.objects.bulk_create(
        Link(
            group=group,
            source=f"EX-N{a}",
            target=f"EX-N{b}",
            kind=LinkKind.MEETING,
            weight=w,
            origin=ORIGIN,
            source_evaluation="2",
            assessment="B",
            sharing="C",
            handling_code=code,
            is_example=True,
        )
        for a, b, w in inside
    )
    if number == 1:
        plan = FourPPlan.objects.create(
            group=group,
            lead_officer="Example officer",
            starts_on=date(2024, 4, 1),
            review_on=date(2024, 10, 1),
            is_example=True,
        )
        PlanAction.objects.create(
            plan=plan,
            strand=Strand.PURSUE,
            description="Example action",
            owner="Example partner",
            due_on=date(2024, 7, 1),
        )
        PlanAction.objects.create(
            plan=plan,
            strand=Strand.PROTECT,
            description="Example fraud Protect talk to local businesses",
            owner="Example partner",
            due_on=date(2024, 6, 1),
            done_on=date(2024, 5, 20),
            protect_kind=ProtectKind.OUTREACH,
            businesses_reached=12,
            charities_reached=3,
        )
        _crimes_and_victim(group)
    return len(members), len(inside)


def _crimes_and_victim(group: OrganisedCrimeGroup) -> None:
    """Example linked crimes (a police.uk category and a recorded offence) and an example NRM referral."""
    LinkedCrime.objects.create(
        group=group, crime_type="Drugs", month="2024-03", lsoa="E01025309", linked_on=date(2024, 4, 2), is_example=True
    )
    LinkedCrime.objects.create(
        group=group,
        source=CrimeSource.RECORDED,
        offence="Example: fraud by false representation",
        cchi_days=20.0,
        report_fraud_reference="NFRC240312345678",
        linked_on=date(2024, 4, 2),
        is_example=True,
    )
    record_slavery(
        user=None,
        is_child=True,
        consent=False,
        exploitation=[Exploitation.CRIMINAL],
        referred_on=date(2024, 5, 1),
        support_provider="Example support provider",
        group=group,
        summary="Example: invented for demonstration, not about anyone.",
        handling_code=HandlingCode.OFFICIAL,
        is_example=True,
    )


@transaction.atomic
def load_examples() -> dict[str, int]:
    """Replace the example register; returns how many groups, nominals and links were made."""
    _clear()
    folder = settings.BASE_DIR / "data" / FOLDER
    for name, file_name in FILES.items():
        import_network(
            user=None,
            name=name,
            content=(folder / file_name).read_bytes(),
            file_format="edges",
            file_name=file_name,
            is_example=True,
        )
    network = read_edges(folder / FILES["montagna-meetings"])
    metrics = node_metrics(network)
    edges = network.labelled_edges()
    nominals = links = 0
    for number in range(1, GROUPS + 1):
        members = [m for m in metrics if m.community == number]
        made = _group(number, members, edges)
        nominals, links = nominals + made[0], links + made[1]
    counts = {"groups": GROUPS, "nominals": nominals, "links": links}
    record_event(ExampleRegisterLoaded(**counts), purpose="demonstration data")
    return counts
