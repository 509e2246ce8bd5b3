"""The Community Safety Partnership allocation formula: a transparent split of one sum between areas.

Each area's allocation is the total × Σ_f w_f × s_f(area), where the weights w_f (base, population,
crime, harm, deprivation) are normalised to sum to 1 and s_f(area) is the area's share of factor f:

* ``base``: an equal share (1 / number of areas), so every partnership can keep a minimum service;
* ``population``: residents (ONS mid-year estimates in the reference geography);
* ``crime``: police-recorded crime over a period (data.police.uk street-level records, anti-social
  behaviour excluded because it is not a notifiable crime);
* ``harm``: the same records weighted by Cambridge Crime Harm Index days (``harm.py``);
* ``deprivation``: residents of LSOAs in the most deprived IMD 2019 deciles (1 and 2 by default:
  the 20% most deprived neighbourhoods in England).

This is the shape of the needs-based formulas public bodies publish (e.g. the Home Office police
funding formula's mix of population, crime and deprivation indicators; MHCLG's "relative needs"
formulas): a fixed element plus shares of need indicators. Amounts are whole pounds, rounded by the
largest-remainder method so that they add up to the total exactly.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from crimeplan.analytics.harm import HarmWeights
from crimeplan.analytics.store import Store
from crimeplan.analytics.vocabulary import ANTI_SOCIAL_BEHAVIOUR

FACTORS = ("base", "population", "crime", "harm", "deprivation")
FACTOR_LABELS = {
    "base": "Equal base share",
    "population": "Population",
    "crime": "Police-recorded crime",
    "harm": "Crime harm (CCHI)",
    "deprivation": "Residents in the most deprived 20% of neighbourhoods",
}


@dataclass(frozen=True)
class Weights:
    """How much each factor counts. Any non-negative numbers; they are normalised to sum to 1."""

    base: float = 0.0
    population: float = 0.0
    crime: float = 0.0
    harm: float = 0.0
    deprivation: float = 0.0

    def __post_init__(self) -> None:
        values = self.as_dict()
        bad = [name for name, value in values.items() if not math.isfinite(value) or value < 0]
        if bad:
            raise ValueError(f"weights must be zero or more: {', '.join(bad)}")
        if sum(values.values()) <= 0:
            raise ValueError(f"at least one weight must be more than zero ({', '.join(FACTORS)})")

    @classmethod
    def from_mapping(cls, values: Mapping[str, float]) -> Weights:
        unknown = set(values) - set(FACTORS)
        if unknown:
            raise ValueError(f"unknown factors {sorted(unknown)}; the factors are {', '.join(FACTORS)}")
        return cls(**{name: float(values.get(name, 0.0)) for name in FACTORS})

    def as_dict(self) -> dict[str, float]:
        return {name: float(getattr(self, name)) for name in FACTORS}

    def normalised(self) -> dict[str, float]:
        values = self.as_dict()
        total = sum(values.values())
        return {name: value / total for name, value in values.items()}


@dataclass(frozen=True)
class AreaInputs:
    """The need indicators of one area."""

    code: str
    name: str
    population: int
    crimes: int
    harm: float
    deprived_population: int

    def factor(self, name: str) -> float:
        return {
            "base": 1.0,
            "population": float(self.population),
            "crime": float(self.crimes),
            "harm": self.harm,
            "deprivation": float(self.deprived_population),
        }[name]


@dataclass(frozen=True)
class Share:
    """One area's allocation: the whole-pound amount, its share of the total, and its make-up by factor."""

    area: AreaInputs
    amount: int
    share: float
    factor_shares: dict[str, float] = field(default_factory=dict)
    components: dict[str, float] = field(default_factory=dict)


def factor_shares(areas: Sequence[AreaInputs]) -> dict[str, dict[str, float]]:
    """Each area's share of each factor (``{factor: {code: share}}``)."""
    shares: dict[str, dict[str, float]] = {}
    for name in FACTORS:
        total = sum(a.factor(name) for a in areas)
        shares[name] = {a.code: (a.factor(name) / total if total > 0 else 0.0) for a in areas}
    return shares


def allocate(areas: Sequence[AreaInputs], weights: Weights, total: int) -> list[Share]:
    """Split ``total`` whole pounds between ``areas`` by the formula; amounts add up to ``total`` exactly."""
    if not areas:
        raise ValueError("there are no areas to allocate to")
    if total < 0:
        raise ValueError("the total to allocate must be zero or more")
    codes = [a.code for a in areas]
    if len(set(codes)) != len(codes):
        raise ValueError("each area must appear once")
    shares = factor_shares(areas)
    w = weights.normalised()
    empty = [name for name in FACTORS if w[name] > 0 and not any(shares[name].values())]
    if empty:
        raise ValueError(f"no area has any {', '.join(empty)}: give that factor a weight of zero")
    exact = {a.code: total * sum(w[f] * shares[f][a.code] for f in FACTORS) for a in areas}
    amounts = largest_remainder(exact, total)
    return [
        Share(
            area=a,
            amount=amounts[a.code],
            share=exact[a.code] / total if total else 0.0,
            factor_shares={f: shares[f][a.code] for f in FACTORS},
            components={f: total * w[f] * shares[f][a.code] for f in FACTORS},
        )
        for a in areas
    ]


def largest_remainder(exact: Mapping[str, float], total: int) -> dict[str, int]:
    """Whole numbers adding up to ``total``: floors, then one more to the largest remainders (ties by key)."""
    floors = {key: math.floor(value) for key, value in exact.items()}
    left = total - sum(floors.values())
    order = sorted(exact, key=lambda key: (-(exact[key] - floors[key]), key))
    for key in order[:left]:
        floors[key] += 1
    return floors


@dataclass
class _Tally:
    name: str
    population: int
    deprived: int
    crimes: int = 0
    harm: float = 0.0


def inputs_from_store(
    store: Store, force: str, first: str, last: str, weights: HarmWeights, *, deprived_deciles: int = 2
) -> list[AreaInputs]:
    """Population, deprivation, crime and harm for every CSP of a force over ``first``..``last``."""
    if not 1 <= deprived_deciles <= 10:
        raise ValueError("deprived_deciles must be from 1 to 10")
    rows = store.named(
        "allocation_inputs", force=force, from_month=first, to_month=last, deprived_deciles=deprived_deciles
    ).rows
    found: dict[str, _Tally] = {}
    for code, name, population, deprived, crime_type, count in rows:
        tally = found.setdefault(code, _Tally(str(name), int(population), int(deprived)))
        if crime_type is None or crime_type == ANTI_SOCIAL_BEHAVIOUR:
            continue
        tally.crimes += int(count)
        tally.harm += int(count) * (weights.weight(crime_type) or 0.0)
    if not found:
        raise ValueError(f"no Community Safety Partnerships are known for force {force!r}: load the geography")
    return [
        AreaInputs(code, t.name, t.population, t.crimes, t.harm, t.deprived)
        for code, t in sorted(found.items(), key=lambda item: item[1].name)
    ]
