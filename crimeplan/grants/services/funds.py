"""Loading fund definitions (``fixtures/lancashire_funds.json``) for a financial year."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction

from crimeplan.grants.models import Criterion, Fund
from crimeplan.grants.models.funds import check_financial_year
from crimeplan.performance import selectors as plan

if TYPE_CHECKING:
    from crimeplan.performance.models import Priority

FUNDS_FILE = Path(__file__).resolve().parent.parent / "fixtures" / "lancashire_funds.json"


def financial_year(day: dt.date | None = None) -> str:
    """The UK public-sector financial year (April to March) a day falls in, like ``2026-27``."""
    day = day or dt.date.today()
    first = day.year if day.month >= 4 else day.year - 1
    return f"{first}-{(first + 1) % 100:02d}"


def _priorities(force: str, numbers: list[int]) -> list[Priority]:
    found = plan.priorities(force, numbers)
    missing = sorted(set(numbers) - {p.number for p in found})
    if missing:
        raise ValidationError(
            f"The {force} plan has no priorities numbered {missing}: load the plan first (crimeplan demo load).",
            code="no_plan",
        )
    return found


@transaction.atomic
def load_funds(*, year: str, path: Path = FUNDS_FILE, is_example: bool = False) -> list[Fund]:
    """Create or update each fund of the file for ``year`` (slug ``<slug>-<year>``), with its criteria."""
    check_financial_year(year)
    spec: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    loaded = []
    for item in spec["funds"]:
        fields = _fields(item, spec["force"], year, is_example)
        fund = Fund.objects.filter(slug=f"{item['slug']}-{year}").first() or Fund(slug=f"{item['slug']}-{year}")
        for name, value in fields.items():
            setattr(fund, name, value)
        fund.full_clean()
        fund.save()
        fund.priorities.set(_priorities(spec["force"], item["priorities"]))
        for order, criterion in enumerate(item["criteria"], start=1):
            Criterion.objects.update_or_create(
                fund=fund,
                order=order,
                defaults={
                    "title": criterion["title"],
                    "guidance": criterion["guidance"],
                    "weight": criterion["weight"],
                },
            )
        loaded.append(fund)
    return loaded


def _fields(item: dict[str, Any], force: str, year: str, is_example: bool) -> dict[str, Any]:
    return {
        "name": item["name"],
        "code": item["code"],
        "kind": item["kind"],
        "force": force,
        "description": item["description"],
        "financial_year": year,
        "budget": Decimal(item["budget"]),
        "budget_note": item["budget_note"],
        "min_award": Decimal(item["min_award"]),
        "max_award": Decimal(item["max_award"]) if item["max_award"] is not None else None,
        "match_funding_percent": Decimal(item["match_funding_percent"]),
        "eligible_org_types": item["eligible_org_types"],
        "eligible_areas": item["eligible_areas"],
        "excluded_purposes": item["excluded_purposes"],
        "is_example": is_example,
    }
