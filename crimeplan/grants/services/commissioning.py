"""Commissioned services: entering their quarterly performance returns."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from crimeplan.analytics.periods import parse_quarter
from crimeplan.audit.services import record_event
from crimeplan.grants.events import PerformanceReturnEntered
from crimeplan.grants.models import Contract, PerformanceReturn
from crimeplan.grants.permissions import require_manage


def _check_figures(quarter: str, in_treatment: int, successful_completions: int) -> None:
    try:
        parse_quarter(quarter)
    except ValueError as exc:
        raise ValidationError(
            {"quarter": ValidationError("Enter the quarter like 2024Q1", code="bad_quarter")}
        ) from exc
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
