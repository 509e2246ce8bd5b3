"""What every map shares: the base map tile source, and legends built from the data's own values."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass

from django.conf import settings

#: Sequential blues, light to dark (ColorBrewer "Blues"); each differs in lightness from its neighbour.
COLOURS = ("#deebf7", "#9ecae1", "#4292c6", "#2171b5", "#08306b")


@dataclass(frozen=True)
class Band:
    """One class of a choropleth legend: whole numbers from ``low`` to ``high`` (each holds a data value)."""

    low: int
    high: int
    colour: str

    @property
    def label(self) -> str:
        return f"{self.low:,}" if self.low == self.high else f"{self.low:,} to {self.high:,}"


def legend_bands(values: Iterable[int], colours: tuple[str, ...] = COLOURS) -> list[Band]:
    """Classes for whole-number values, from the distinct values present: never empty, never inverted.

    With as many distinct values as colours or fewer, each value is its own class; otherwise the upper
    limits are quantiles of the distinct values, so each class holds at least one area.
    """
    distinct = sorted({int(v) for v in values})
    if not distinct:
        return []
    k = len(colours)
    if len(distinct) <= k:
        uppers = distinct
    else:
        uppers = sorted({distinct[round((i + 1) * len(distinct) / k) - 1] for i in range(k)})
    bands, low = [], distinct[0]
    for i, high in enumerate(uppers):
        bands.append(Band(low, high, colours[i]))
        low = high + 1
    return bands


def colour_for(value: int, bands: list[Band]) -> str:
    return next((b.colour for b in bands if b.low <= value <= b.high), bands[-1].colour if bands else COLOURS[0])


def legend(values: Iterable[int], *, title: str, unit: str) -> dict[str, object]:
    """A legend as the map script and the page draw it: title, unit and the bands with colours."""
    return {"title": title, "unit": unit, "bands": [{**asdict(b), "label": b.label} for b in legend_bands(values)]}


def tiles() -> dict[str, str]:
    """The base map: ``CRIMEPLAN_MAP_TILES`` (an XYZ URL template, or empty for none) and its attribution."""
    return {"url": settings.MAP_TILES, "attribution": settings.MAP_TILES_ATTRIBUTION}
