"""A MoRiLE-style threat score for an organised crime group, with "unknown" kept apart from "none".

Harm is scored 0 (none) to 4 (critical) in five domains — physical, psychological, financial, community,
environmental — plus victim vulnerability; the total is multiplied by geographic scope (1 local … 4
national or international) and likelihood (1 unlikely … 4 almost certain), and organisational position
(1 minimal … 4 established capability) scales it. ``None`` means *not known*: it scores nothing but is
listed, and ``high`` shows the score if every unknown took its highest value, so a low score built on
unknowns cannot pass for a low threat. Confidence (low, medium, high) is recorded beside the score, not in
it. Bands are shares of the highest possible score: A ≥ 50 %, B ≥ 25 %, C ≥ 10 %, D below. The weights of
the national method are restricted; these follow the shape of a MoRiLE (Management of Risk in Law
Enforcement) matrix with transparent, documented values instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

HARM_DOMAINS = ("physical", "psychological", "financial", "community", "environmental")
FACTORS = (*HARM_DOMAINS, "vulnerability", "scope", "likelihood", "position")
RANGES = {
    **{d: (0, 4) for d in (*HARM_DOMAINS, "vulnerability")},
    "scope": (1, 4),
    "likelihood": (1, 4),
    "position": (1, 4),
}
CONFIDENCE = ("low", "medium", "high")
BANDS = (("A", 0.5), ("B", 0.25), ("C", 0.10), ("D", 0.0))


@dataclass(frozen=True)
class Score:
    score: float
    high: float
    band: str
    band_if_unknowns_high: str
    unknown: tuple[str, ...]
    confidence: str
    reasons: tuple[str, ...]


def _checked(values: Mapping[str, int | None]) -> dict[str, int | None]:
    missing = [f for f in FACTORS if f not in values]
    if missing:
        raise ValueError(f"score every factor (None for unknown); missing: {', '.join(missing)}")
    for factor, value in values.items():
        low, top = RANGES[factor]
        if value is not None and not low <= value <= top:
            raise ValueError(f"{factor} is scored {low}–{top} or unknown, not {value}")
    return dict(values)


def _total(values: Mapping[str, int | None], fill_high: bool) -> float:
    def pick(factor: str) -> int:
        value = values[factor]
        return RANGES[factor][1] if value is None and fill_high else (value if value is not None else RANGES[factor][0])

    harm = sum(pick(f) for f in (*HARM_DOMAINS, "vulnerability"))
    return float(harm * pick("scope") * pick("likelihood") * pick("position"))


MAXIMUM = _total(dict.fromkeys(FACTORS), fill_high=True)


def band_of(score: float) -> str:
    share = score / MAXIMUM
    return next(name for name, floor in BANDS if share >= floor)


def score_group(values: Mapping[str, int | None], *, confidence: str) -> Score:
    """The score, its band, and the same if every unknown were at its highest; with the reasons."""
    if confidence not in CONFIDENCE:
        raise ValueError(f"confidence is one of {', '.join(CONFIDENCE)}")
    checked = _checked(values)
    unknown = tuple(f for f in FACTORS if checked[f] is None)
    score, high = _total(checked, fill_high=False), _total(checked, fill_high=True)
    harm_known = {f: checked[f] for f in HARM_DOMAINS if checked[f] is not None}
    reasons = (
        f"harm {sum(v or 0 for v in harm_known.values())} over {len(harm_known)} known domains "
        f"+ vulnerability {checked['vulnerability'] if checked['vulnerability'] is not None else 'unknown'}",
        f"× scope {checked['scope'] or 'unknown (1 used)'} × likelihood {checked['likelihood'] or 'unknown (1 used)'} "
        f"× position {checked['position'] or 'unknown (1 used)'}",
        f"{len(unknown)} unknown: {', '.join(unknown) or 'none'}; confidence {confidence}",
    )
    return Score(score, high, band_of(score), band_of(high), unknown, confidence, reasons)
