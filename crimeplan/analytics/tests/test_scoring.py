from __future__ import annotations

import pytest

from crimeplan.analytics.scoring import MAXIMUM, score_group

KNOWN = {
    "physical": 3,
    "psychological": 2,
    "financial": 4,
    "community": 1,
    "environmental": 0,
    "vulnerability": 3,
    "scope": 2,
    "likelihood": 3,
    "position": 2,
}


def test_known_factors_multiply():
    result = score_group(KNOWN, confidence="medium")
    # (3+2+4+1+0+3) × 2 × 3 × 2 = 156 of 24 × 4 × 4 × 4 = 1536 → 10.2 % → band C
    assert (result.score, MAXIMUM, result.band, result.unknown) == (156.0, 1536.0, "C", ())
    assert result.high == result.score


def test_unknown_is_not_none():
    none = score_group({**KNOWN, "environmental": 0, "likelihood": 3}, confidence="low")
    unknown = score_group({**KNOWN, "environmental": None, "likelihood": None}, confidence="low")
    assert unknown.unknown == ("environmental", "likelihood")
    assert unknown.score == 13 * 2 * 1 * 2  # unknown scores nothing, likelihood falls to its floor
    assert unknown.high == 17 * 2 * 4 * 2  # as if both unknowns were at their highest
    assert none.unknown == ()
    assert unknown.band == "D" and unknown.band_if_unknowns_high == "C"
    assert "2 unknown: environmental, likelihood" in unknown.reasons[2]


def test_out_of_range_and_missing_factors_are_refused():
    with pytest.raises(ValueError, match="scope is scored 1–4"):
        score_group({**KNOWN, "scope": 0}, confidence="high")
    with pytest.raises(ValueError, match="missing: position"):
        score_group({k: v for k, v in KNOWN.items() if k != "position"}, confidence="high")
