"""A group's recorded harm in Cambridge Crime Harm Index days, set beside its MoRiLE-style threat score.

The harm score sums CCHI days over the crimes linked to a group (Sherman, Neyroud & Neyroud 2016): a
police.uk category weighs what the force's harm weights say, a recorded offence carries its own days.
The two methods measure different things — the threat score is a judgement of capability, intent and
likelihood including unknowns; the harm score counts only harm already recorded and linked — so they
are shown side by side with the reasons they disagree, never merged.

Harm bands (days per group, over every linked crime): A ≥ 3,650 (ten years' imprisonment-equivalent),
B ≥ 1,000, C ≥ 100, D below. Bands are compared by their distance: a difference of two or more
bands is a disagreement and is explained.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

HARM_BANDS = (("A", 3650.0), ("B", 1000.0), ("C", 100.0), ("D", 0.0))
BAND_ORDER = "ABCD"
#: A category is "low-weight" below this many days per crime (e.g. drugs possession, shoplifting).
LOW_WEIGHT_DAYS = 10.0


@dataclass(frozen=True)
class WeightedCrime:
    """One linked crime: its label (category or offence), month (YYYY-MM or ""), and CCHI days."""

    label: str
    month: str
    days: float


@dataclass(frozen=True)
class HarmScore:
    days: float
    crimes: int
    band: str
    by_label: tuple[tuple[str, int, float], ...]  # label, crimes, days (largest first)
    latest_month: str


@dataclass(frozen=True)
class Comparison:
    threat_band: str | None
    harm_band: str
    agree: bool
    reasons: tuple[str, ...]


def harm_band(days: float) -> str:
    return next(name for name, floor in HARM_BANDS if days >= floor)


def harm_score(crimes: Iterable[WeightedCrime]) -> HarmScore:
    """Total CCHI days, by label, for the crimes linked to one group."""
    totals: dict[str, tuple[int, float]] = {}
    latest = ""
    for crime in crimes:
        if crime.days < 0:
            raise ValueError(f"CCHI days cannot be negative ({crime.label}: {crime.days})")
        count, days = totals.get(crime.label, (0, 0.0))
        totals[crime.label] = (count + 1, days + crime.days)
        latest = max(latest, crime.month)
    rows = tuple(sorted(((k, c, d) for k, (c, d) in totals.items()), key=lambda r: (-r[2], r[0])))
    days = sum(r[2] for r in rows)
    return HarmScore(days, sum(r[1] for r in rows), harm_band(days), rows, latest)


def _threat_higher(harm: HarmScore, threat: Mapping[str, int | None], unknown: Sequence[str]) -> list[str]:
    reasons = []
    if harm.crimes == 0:
        reasons.append("no recorded crimes are linked to the group, so its recorded harm is nil")
    elif all(days / count < LOW_WEIGHT_DAYS for _, count, days in harm.by_label):
        reasons.append("every linked crime is a low-weight category (under 10 CCHI days each)")
    if unknown:
        reasons.append(f"the threat score counts unknowns as possible harm ({', '.join(unknown)})")
    if (threat.get("vulnerability") or 0) >= 3:
        reasons.append("victims are judged highly vulnerable; exploitation is seldom recorded as crime")
    reasons.append("the threat score weighs capability and likelihood, which recorded crime does not show")
    return reasons


def _harm_higher(harm: HarmScore, threat: Mapping[str, int | None], scored_month: str) -> list[str]:
    label, count, days = harm.by_label[0]
    reasons = [f"{label} ({count} crime{'s' if count != 1 else ''}) gives {days:,.0f} of {harm.days:,.0f} days"]
    if scored_month and harm.latest_month > scored_month:
        reasons.append(f"crimes were linked for {harm.latest_month}, after the last scoring ({scored_month})")
    for factor in ("scope", "likelihood", "position"):
        if threat.get(factor) == 1:
            reasons.append(f"the threat score has {factor} at its lowest (1), which scales the whole score down")
    return reasons


def compare(
    harm: HarmScore,
    threat_band: str | None,
    threat: Mapping[str, int | None],
    *,
    unknown: Sequence[str] = (),
    scored_month: str = "",
) -> Comparison:
    """Side by side: agree when the bands are within one of each other; otherwise say why they differ.

    ``threat`` holds the threat score's inputs (factor -> 0–4, or None for unknown), ``unknown`` the unknown
    factors and ``scored_month`` the month of the latest scoring (YYYY-MM).
    """
    if threat_band is None:
        return Comparison(None, harm.band, False, ("the group has not been given a threat score",))
    gap = BAND_ORDER.index(harm.band) - BAND_ORDER.index(threat_band)
    if abs(gap) < 2:
        return Comparison(threat_band, harm.band, True, ())
    reasons = _threat_higher(harm, threat, unknown) if gap > 0 else _harm_higher(harm, threat, scored_month)
    return Comparison(threat_band, harm.band, False, tuple(reasons))
