"""Charts drawn on the server as SVG, so pages and PDFs show the same picture without JavaScript.

Geometry is computed here; the markup is in ``templates/core/charts/`` (auto-escaped). Every chart is
an ``<svg role="img">`` with a title and a description, and pages put the same figures in a table
next to it (WCAG 2.2: a text alternative for non-text content).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

LINE, SIGNAL = "#1d70b8", "#d4351c"


@dataclass(frozen=True)
class Limits:
    """A control chart's centre line and process limits, and which points signal."""

    mean: float
    upper: float
    lower: float
    signals: Sequence[bool]
    #: The lower limit would be below zero and is drawn at 0 (a count cannot be negative).
    floored: bool = False


FLOORED = " The lower process limit would be below zero, so it is drawn at 0: no month can fall below it."


def number(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.1f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class _Plot:
    width: int
    height: int
    low: float
    high: float
    count: int
    left: int = 56
    right: int = 24
    top: int = 14
    bottom: int = 34

    @property
    def x_end(self) -> int:
        return self.width - self.right

    @property
    def label_y(self) -> int:
        return self.height - self.bottom + 16

    def x(self, i: int) -> float:
        return self.left + i * (self.width - self.left - self.right) / max(self.count - 1, 1)

    def y(self, v: float) -> float:
        return self.top + (self.high - v) / ((self.high - self.low) or 1.0) * (self.height - self.top - self.bottom)


def line_chart(
    points: Sequence[tuple[str, float]],
    *,
    title: str,
    description: str,
    limits: Limits | None = None,
    width: int = 640,
    height: int = 240,
) -> SafeString:
    """A line chart of labelled values (months), with control limits when given."""
    if not points:
        return SafeString("")
    values = [v for _, v in points]
    extra = [limits.upper, limits.lower, limits.mean] if limits else []
    plot = _Plot(width, height, min([0.0, *values, *extra]), (max([*values, *extra]) * 1.05) or 1.0, len(points))
    ticks = [plot.low + (plot.high - plot.low) * i / 4 for i in range(5)]
    every = max(1, len(points) // 8)
    context = {
        "plot": plot,
        "title": title,
        "description": description + (FLOORED if limits and limits.floored else ""),
        "floored": {"x": plot.x_end, "y": plot.y(limits.lower) - 3} if limits and limits.floored else None,
        "path": " ".join(f"{'M' if i == 0 else 'L'}{plot.x(i):.1f},{plot.y(v):.1f}" for i, v in enumerate(values)),
        "dots": [
            {"x": plot.x(i), "y": plot.y(v), "signal": bool(limits and limits.signals[i])} for i, v in enumerate(values)
        ],
        "ticks": [
            {"y": plot.y(t), "label_y": plot.y(t) + 4, "label_x": plot.left - 6, "label": number(t)} for t in ticks
        ],
        "labels": [
            {"x": plot.x(i), "text": label}
            for i, (label, _) in enumerate(points)
            if i % every == 0 or i == len(points) - 1
        ],
        "limits": [
            {"y": plot.y(v), "dash": dash}
            for v, dash in ((limits.upper, "4 3"), (limits.lower, "4 3"), (limits.mean, "none"))
        ]
        if limits
        else [],
        "line": LINE,
        "signal": SIGNAL,
    }
    return SafeString(render_to_string("core/charts/line.html", context))


def sparkline(values: Sequence[float], *, label: str, width: int = 160, height: int = 36) -> SafeString:
    """A small trend line; the last point is marked."""
    if len(values) < 2:
        return SafeString("")
    low, high = min(values), max(values)
    step = (width - 8) / (len(values) - 1)
    coords = [(4 + i * step, 4 + (high - v) / ((high - low) or 1.0) * (height - 8)) for i, v in enumerate(values)]
    context = {
        "width": width,
        "height": height,
        "label": label,
        "path": " ".join(f"{'M' if i == 0 else 'L'}{cx:.1f},{cy:.1f}" for i, (cx, cy) in enumerate(coords)),
        "last": coords[-1],
        "line": LINE,
    }
    return SafeString(render_to_string("core/charts/sparkline.html", context))


def bar_chart(
    rows: Sequence[tuple[str, float]], *, title: str, description: str, width: int = 640, places: int | None = None
) -> SafeString:
    """Horizontal bars, one per labelled value, in the order given.

    ``places`` rounds the value labels as the page's table of the same figures does (so chart and table agree).
    """
    if not rows:
        return SafeString("")
    bar, gap, label_width = 16, 6, 210
    top = max(v for _, v in rows) or 1.0
    bars = [
        {
            "y": 5 + i * (bar + gap),
            "text_y": 5 + i * (bar + gap) + 12,
            "label": label,
            "length": max((width - label_width - 70) * value / top, 0.5),
            "value_x": label_width + max((width - label_width - 70) * value / top, 0.5) + 6,
            "value": number(value) if places is None else f"{value:,.{places}f}",
        }
        for i, (label, value) in enumerate(rows)
    ]
    context = {
        "width": width,
        "height": len(rows) * (bar + gap) + 10,
        "title": title,
        "description": description,
        "bars": bars,
        "bar": bar,
        "label_width": label_width,
        "label_x": label_width - 6,
        "line": LINE,
    }
    return SafeString(render_to_string("core/charts/bar.html", context))
