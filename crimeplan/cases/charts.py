"""A figure for the Board report drawn as SVG on the server, so the page and the PDF show the same."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from crimeplan.cases.selectors.board import ReoffendingRow

WIDTH = 860
LABEL_WIDTH = 300
LEGEND = 30
ROW_HEIGHT = 44
TOP = 30
ACTUAL = "#1d70b8"
EXPECTED = "#d4351c"


def _x(rate: float) -> float:
    return LABEL_WIDTH + rate * (WIDTH - LABEL_WIDTH - 20)


def _axis(height: float) -> list[str]:
    parts = []
    for tick in range(0, 101, 20):
        x = _x(tick / 100)
        parts.append(f'<line x1="{x:.1f}" y1="{TOP - 6}" x2="{x:.1f}" y2="{height - 6}" stroke="#b1b4b6"/>')
        parts.append(f'<text x="{x:.1f}" y="{TOP - 12}" text-anchor="middle" font-size="12">{tick}%</text>')
    return parts


def _legend(y: float) -> list[str]:
    x = LABEL_WIDTH
    return [
        f'<circle cx="{x + 6}" cy="{y - 4}" r="5" fill="{ACTUAL}"/>',
        f'<text x="{x + 16}" y="{y}" font-size="12">Actual rate, line: 95% confidence interval</text>',
        f'<rect x="{x + 290}" y="{y - 9}" width="3" height="12" fill="{EXPECTED}"/>',
        f'<rect x="{x + 296}" y="{y - 7}" width="24" height="8" fill="{EXPECTED}" opacity="0.3"/>',
        f'<text x="{x + 326}" y="{y}" font-size="12">OGRS3 expected, band: range by chance</text>',
    ]


def _row(index: int, row: ReoffendingRow) -> list[str]:
    y = TOP + index * ROW_HEIGHT + ROW_HEIGHT / 2
    label = row.label if len(row.label) <= 44 else row.label[:43] + "…"
    parts = [f'<text x="{LABEL_WIDTH - 8}" y="{y + 4:.1f}" text-anchor="end" font-size="13">{escape(label)}</text>']
    result = row.result
    if result.expected_rate is not None and result.expected_range is not None:
        low, high = (_x(v) for v in result.expected_range)
        parts.append(
            f'<rect x="{low:.1f}" y="{y + 4:.1f}" width="{max(high - low, 1):.1f}" height="8" '
            f'fill="{EXPECTED}" opacity="0.3"/>'
        )
        parts.append(
            f'<rect x="{_x(result.expected_rate) - 1.5:.1f}" y="{y + 1:.1f}" width="3" height="14" fill="{EXPECTED}"/>'
        )
    if result.rate is not None and result.rate_interval is not None:
        low, high = (_x(v) for v in result.rate_interval)
        parts.append(
            f'<line x1="{low:.1f}" y1="{y - 6:.1f}" x2="{high:.1f}" y2="{y - 6:.1f}" '
            f'stroke="{ACTUAL}" stroke-width="2"/>'
        )
        parts.append(f'<circle cx="{_x(result.rate):.1f}" cy="{y - 6:.1f}" r="5" fill="{ACTUAL}"/>')
    return parts


def reoffending_chart(rows: Sequence[ReoffendingRow], *, title: str, key: str = "0") -> SafeString:
    """Actual rate (dot, 95% interval) against OGRS3's expectation (bar, and the range chance allows)."""
    height = TOP + max(len(rows), 1) * ROW_HEIGHT + 10 + LEGEND
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'role="img" aria-labelledby="chart-{key}-title chart-{key}-desc" font-family="Arial, sans-serif" '
        'class="app-chart">',
        f'<title id="chart-{key}-title">{escape(title)}</title>',
        f'<desc id="chart-{key}-desc">For each cohort, a blue dot is the actual proven reoffending rate with a '
        "line for its 95% confidence interval; a red mark is the rate OGRS3 expected, with a pale band for the "
        "range chance alone would give. The table below gives the same figures.</desc>",
        *_axis(height - LEGEND),
        *_legend(height - 12),
    ]
    for index, row in enumerate(rows):
        parts.extend(_row(index, row))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  (labels are escaped above; the rest is numbers)
