"""Saving a CSP allocation as a dated decision record; entering commissioned services' quarterly returns."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from crimeplan.analytics.periods import parse_quarter
from crimeplan.audit.services import record_event
from crimeplan.grants.allocation import Simulation
from crimeplan.grants.events import AllocationDecided, PerformanceReturnEntered
from crimeplan.grants.models import AllocationDecision, Contract, PerformanceReturn
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


def _check_figures(quarter: str, in_treatment: int, successful_completions: int) -> None:
    try:
        parse_quarter(quarter)
    except ValueError as exc:
        raise ValidationError({"quarter": "Enter the quarter like 2024Q1"}, code="bad_quarter") from exc
    if successful_completions > in_treatment:
        raise ValidationError(
            {
                "successful_completions": ValidationError(
                    "Successful completions cannot be more than the number in treatment", code="more_than_total"
                )
            }
        )


@transaction.atomic
def enter_performance(
    *,
    contract: Contract,
    quarter: str,
    in_treatment: int,
    successful_completions: int,
    cjs_referrals: int,
    notes: str,
    by: Any,
) -> PerformanceReturn:
    """The quarter's figures, replacing any entered before for that quarter."""
    require_manage(by)
    _check_figures(quarter, in_treatment, successful_completions)
    row, _ = PerformanceReturn.objects.select_for_update().get_or_create(
        contract=contract,
        quarter=quarter,
        defaults={"in_treatment": in_treatment, "successful_completions": 0, "cjs_referrals": 0, "entered_by": by},
    )
    row.in_treatment, row.successful_completions, row.cjs_referrals = (
        in_treatment,
        successful_completions,
        cjs_referrals,
    )
    row.notes, row.entered_by = notes, by
    row.full_clean()
    row.save()
    record_event(
        PerformanceReturnEntered(
            contract=contract.reference,
            quarter=quarter,
            in_treatment=in_treatment,
            successful_completions=successful_completions,
            cjs_referrals=cjs_referrals,
        ),
        actor=by,
        obj=row,
    )
    return row
