"""Campaigns: adding one (its effect is measured in ``crimeplan.reporting.campaigns``)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from crimeplan.core.permissions import check
from crimeplan.reporting.models import Campaign
from crimeplan.reporting.permissions import VIEW_GAP
from crimeplan.reporting.services.common import save


@transaction.atomic
def add_campaign(*, user: Any, campaign: Campaign) -> Campaign:
    check(user, VIEW_GAP)
    save(campaign)
    return campaign
