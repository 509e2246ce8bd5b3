"""A campaign's measured effect: weekly reports before, during and after, tested for change.

"During" is the campaign's own weeks; "before" and "after" are periods of the same length either side.
Each is compared with "before" by ``crimeplan.analytics.significance.compare_counts`` (days as exposure,
dispersion from the weekly series), so the page says "significant increase" or "within normal variation",
not a raw percentage.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from crimeplan.analytics.significance import compare_counts, dispersion
from crimeplan.reporting.models import Campaign, Report


def weekly(first: dt.date, last: dt.date, area_codes: list[str]) -> list[int]:
    """Reports (example records left out) in each 7-day week from ``first``; the last week may be short."""
    reports = Report.objects.filter(is_example=False, created_at__date__range=(first, last))
    if area_codes:
        reports = reports.filter(local_authority_code__in=area_codes)
    weeks = [0] * ((last - first).days // 7 + 1)
    for created in reports.values_list("created_at", flat=True):
        weeks[(created.date() - first).days // 7] += 1
    return weeks


def effect(campaign: Campaign) -> dict[str, Any]:
    length = (campaign.ends_on - campaign.starts_on).days + 1
    before = (campaign.starts_on - dt.timedelta(days=length), campaign.starts_on - dt.timedelta(days=1))
    after = (campaign.ends_on + dt.timedelta(days=1), campaign.ends_on + dt.timedelta(days=length))
    periods = {"before": before, "during": (campaign.starts_on, campaign.ends_on), "after": after}
    series = {name: weekly(a, b, campaign.area_codes) for name, (a, b) in periods.items()}
    phi = dispersion([w for name in ("before", "during", "after") for w in series[name]])
    base = sum(series["before"])
    return {
        "campaign": campaign,
        "periods": periods,
        "series": series,
        "totals": {name: sum(weeks) for name, weeks in series.items()},
        "during": compare_counts(
            sum(series["during"]), base, current_exposure=length, baseline_exposure=length, phi=phi
        ),
        "after": compare_counts(sum(series["after"]), base, current_exposure=length, baseline_exposure=length, phi=phi),
    }
