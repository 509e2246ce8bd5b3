"""Saving a CSP allocation as a dated decision record for the Panel."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from crimeplan.audit.services import record_event
from crimeplan.grants.allocation import Simulation
from crimeplan.grants.events import AllocationDecided
from crimeplan.grants.models import AllocationDecision
from crimeplan.grants.permissions import require_manage


@transaction.atomic
def save_allocation(
    *, simulation: Simulation, title: str, financial_year: str, rationale: str, by: Any, is_example: bool = False
) -> AllocationDecision:
    """Keep the proposed weights, the inputs and every CSP's amount as the decision for the Panel."""
    require_manage(by)
    decision = AllocationDecision(
        title=title,
        force=simulation.force,
        financial_year=financial_year,
        total=simulation.total,
        weights=simulation.proposed.as_dict(),
        previous_weights=simulation.current.as_dict(),
        first_month=simulation.first,
        last_month=simulation.last,
        deprived_deciles=simulation.deprived_deciles,
        results=simulation.as_results(),
        rationale=rationale,
        decided_by=by,
        is_example=is_example,
    )
    decision.full_clean()
    decision.save()
    record_event(
        AllocationDecided(title=title, total=simulation.total, weights=simulation.proposed.as_dict()),
        actor=by,
        obj=decision,
    )
    return decision
