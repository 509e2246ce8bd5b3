"""Tables of areas: the records that have no place, so a column of areas adds up to the total shown."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class PlaceTotals:
    """A column of areas: what the areas hold, what has no place among them, and the total they add up to."""

    placed: int
    unplaced: int
    total: int


def place_totals(counts: Iterable[int], total: int) -> PlaceTotals:
    """The "No place recorded" figure of a table of areas: ``total`` less what the areas' ``counts`` hold.

    Every table of areas ends with this row and the total (``{% no_place_rows %}``), so its column adds up.
    """
    placed = sum(int(c) for c in counts)
    return PlaceTotals(placed=placed, unplaced=total - placed, total=total)
