"""Did it work? The matched difference-in-differences for a completed project's area and period."""

from __future__ import annotations

from dataclasses import dataclass

from crimeplan.analytics import impact, trends
from crimeplan.analytics.months import add_months
from crimeplan.core.store import get_store, harm_weights, per_version
from crimeplan.geography.models import Lsoa
from crimeplan.grants.constants import AreaLevel, AwardStatus
from crimeplan.grants.models import Application, Award

#: Months of police data before the project's start that the comparison uses (at most).
BEFORE_MONTHS = 12


@dataclass(frozen=True)
class ImpactView:
    """The estimate, or the reason there is none."""

    result: impact.Impact | None
    reason: str = ""

    @property
    def estimates(self) -> list[impact.DidEstimate]:
        return self.result.estimates if self.result else []


def lsoas_served(application: Application) -> list[str]:
    codes = list(application.area_codes)
    if application.area_level == AreaLevel.LSOA:
        return codes
    if application.area_level == AreaLevel.WARD:
        return list(Lsoa.objects.filter(ward__in=codes).values_list("code", flat=True))
    return list(Lsoa.objects.filter(local_authority__csp__in=codes).values_list("code", flat=True))


@per_version(maxsize=4)
def _panel(force: str, months: tuple[str, ...]) -> impact.LsoaPanel:
    return impact.load_panel(get_store(), force, list(months), harm_weights(force))


def impact_for(award: Award) -> ImpactView:
    application = award.application
    if award.status != AwardStatus.COMPLETED:
        return ImpactView(None, "The comparison is made once the project is completed (paid and final return in).")
    if not application.start_date or not application.end_date:
        return ImpactView(None, "The project has no start and end dates.")
    force = application.round.fund.force
    store = get_store()
    start, end = f"{application.start_date:%Y-%m}", f"{application.end_date:%Y-%m}"
    before = trends.held_months(store, force, add_months(start, -BEFORE_MONTHS), add_months(start, -1))
    after = trends.held_months(store, force, start, end)
    if len(before) < 3 or not after:
        return ImpactView(
            None,
            f"Police data for {force} does not cover the project's period ({start} to {end}) and at least 3 months "
            "before it, so no comparison can be made yet.",
        )
    treated = lsoas_served(application)
    if not treated:
        return ImpactView(None, "The areas the project served are not in the loaded geography.")
    months = tuple(before + after)
    try:
        panel = _panel(force, months)
        found = impact.difference_in_differences(panel, treated, (before[0], before[-1]), (after[0], after[-1]))
    except ValueError as exc:
        return ImpactView(None, str(exc))
    return ImpactView(found)
