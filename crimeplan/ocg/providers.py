"""What the register counts for priority 1's measures (registered in apps.py). Examples never count."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from crimeplan.ocg.constants import DisruptionGrade, GroupStatus, NrmRoute, ProtectKind
from crimeplan.ocg.models import Disruption, GroupScore, ModernSlaveryRecord, OrganisedCrimeGroup, PlanAction
from crimeplan.performance.providers import Provided, Provider

LIVE = (GroupStatus.ACTIVE, GroupStatus.DORMANT)


def _groups(first: dt.date, last: dt.date) -> Provided:
    """Groups active or dormant on the register (not examples), as at the end of the period."""
    live = OrganisedCrimeGroup.objects.filter(is_example=False, status__in=LIVE, created_at__date__lte=last)
    return Provided(value=float(live.count()), is_count=True)


def _disruptions(grade: str | None) -> Provider:
    def count(first: dt.date, last: dt.date) -> Provided:
        rows = Disruption.objects.filter(is_example=False, occurred_on__range=(first, last))
        if grade:
            rows = rows.filter(grade=grade)
        return Provided(value=float(rows.count()), is_count=True)

    suffix = f".{grade}" if grade else ""
    label = f"Disruptions graded {grade}" if grade else "Disruptions of organised crime groups"
    return Provider(key=f"ocg.disruptions{suffix}", label=label, unit="disruptions", count=count)


def _planned_share(first: dt.date, last: dt.date) -> Provided:
    """Per cent of live groups with a 4P plan current at the end of the period."""
    live = OrganisedCrimeGroup.objects.filter(is_example=False, status__in=LIVE, created_at__date__lte=last)
    current = Q(plans__starts_on__lte=last) & (Q(plans__closed_on__isnull=True) | Q(plans__closed_on__gt=last))
    total = live.count()
    planned = live.filter(current).distinct().count()
    return Provided(value=round(100.0 * planned / total, 1) if total else 0.0, is_count=False)


def _band(band: str) -> Provider:
    def count(first: dt.date, last: dt.date) -> Provided:
        """Live groups whose latest score on or before the end of the period is in the band."""
        latest: dict[int, str] = {}
        scores = GroupScore.objects.filter(is_example=False, scored_on__lte=last, group__status__in=LIVE)
        for group_id, scored_band in scores.order_by("scored_on", "pk").values_list("group_id", "band"):
            latest[group_id] = scored_band
        return Provided(value=float(sum(1 for b in latest.values() if b == band)), is_count=True)

    return Provider(
        key=f"ocg.groups.band-{band.lower()}", label=f"Groups scored band {band}", unit="groups", count=count
    )


def _nrm_referrals(first: dt.date, last: dt.date) -> Provided:
    """The force's NRM referrals as first responder (Home Office release), quarters wholly in the period."""
    from crimeplan.ocg.nrm import referrals_between

    found = referrals_between(first, last)
    return Provided(value=float(found[0]) if found else None, is_count=True)


def _nrm_records(first: dt.date, last: dt.date) -> Provided:
    """NRM referrals recorded on the register in the period (notifications and examples left out)."""
    rows = ModernSlaveryRecord.objects.filter(is_example=False, route=NrmRoute.NRM, referred_on__range=(first, last))
    return Provided(value=float(rows.count()), is_count=True)


def _protect(kind: str) -> Provider:
    fields = ("people_referred",) if kind == ProtectKind.CYBER_CHOICES else ("businesses_reached", "charities_reached")

    def count(first: dt.date, last: dt.date) -> Provided:
        """Done Protect actions of this kind in the period (example plans left out): people or organisations."""
        done = PlanAction.objects.filter(
            protect_kind=kind, done_on__range=(first, last), plan__is_example=False
        ).values_list(*fields)
        return Provided(value=float(sum(v or 0 for row in done for v in row)), is_count=True)

    if kind == ProtectKind.CYBER_CHOICES:
        return Provider(
            key="ocg.cyber-choices", label="Young people referred to Cyber Choices", unit="people", count=count,
            reads=("ocg.PlanAction",),
        )  # fmt: skip
    return Provider(
        key="ocg.protect-outreach", label="Businesses and charities reached by Protect outreach",
        unit="organisations", count=count, reads=("ocg.PlanAction",),
    )  # fmt: skip


PROVIDERS = [
    Provider(key="ocg.groups", label="Organised crime groups on the register", unit="groups", count=_groups),
    _disruptions(None),
    *(_disruptions(g) for g in DisruptionGrade.values),
    *(_band(b) for b in "ABCD"),
    Provider(key="ocg.groups.planned", label="Groups with a current 4P plan", unit="%", count=_planned_share),
    Provider(
        key="ocg.nrm.referrals",
        label="NRM referrals made by the force (Home Office statistics)",
        unit="people",
        count=_nrm_referrals,
        source="Home Office National Referral Mechanism statistics",
    ),
    Provider(
        key="ocg.nrm.records",
        label="NRM referrals recorded on the register",
        unit="people",
        count=_nrm_records,
        reads=("ocg.ModernSlaveryRecord",),
    ),
    _protect(ProtectKind.CYBER_CHOICES),
    _protect(ProtectKind.OUTREACH),
]
