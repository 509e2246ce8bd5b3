"""Reoffending: OGRS3 expected rates and the Ministry of Justice proven-reoffending measure.

**OGRS3** (Offender Group Reconviction Scale, version 3; Howard, Francis, Soothill & Humphreys
2009, *OGRS 3: the revised Offender Group Reconviction Scale*, Ministry of Justice Research
Summary 7/09) is a logistic model of proven reoffending within one and two years from age, sex,
sanction history and the current offence::

    x = intercept + age_sex + offence + conviction_status + 1.25112 * ln(sanctions / (10 + age - age_first))
    p = exp(x) / (1 + exp(x))

with the one-year (1.40256) or two-year (2.1217) intercept. The coefficients are read from
``data/reoffending/`` (see ``data/PROVENANCE.md``). OGRS3 is used here **only** to say how much
reoffending a cohort would be expected to have, never to decide anything about one person.

**Proven reoffending** (MoJ, *Proven reoffending statistics: guide*): an offence committed within
12 months of the cohort start event (release from custody, a court order or a caution) that is
proven by a conviction or caution within that year or a further 6-month waiting period. This
module counts offences committed after the start date and no later than 12 calendar months after
it, proven no later than 18 calendar months after it; a member is measured only once those 18
months have passed.
"""

from __future__ import annotations

import calendar
import csv
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

#: Where the shipped coefficient files are (the repository's ``data/reoffending``).
DEFAULT_FOLDER = Path(__file__).resolve().parents[2] / "data" / "reoffending"
COEFFICIENTS_FILE = "ogrs3_coefficients.csv"
OFFENCE_CODES_FILE = "ho_offence_code_ogrs3.csv"
SEXES = ("male", "female")
FOLLOW_UP_MONTHS = 12
WAITING_MONTHS = 6
#: Two-sided 95% normal quantile.
Z95 = 1.959963984540054
MIN_AGE = 10
MAX_AGE = 120


@dataclass(frozen=True)
class OffenceCode:
    """A Home Office offence code with its OGRS3 category (``""`` when the mapping has none)."""

    code: str
    category: str
    description: str


@dataclass(frozen=True)
class Ogrs3Score:
    """One application of OGRS3: the two probabilities, the band and the terms of the sum."""

    one_year: float
    two_year: float
    band: str
    terms: dict[str, float]

    def as_dict(self, places: int = 4) -> dict[str, float | str]:
        return {"one_year": round(self.one_year, places), "two_year": round(self.two_year, places), "band": self.band}


def _band_bounds(text: str) -> int:
    """``"50-74"`` -> 50, ``"90+"`` -> 90: the lowest whole percentage in the band."""
    return int(text.rstrip("+").split("-")[0])


def _age_level(level: str) -> tuple[str, int, int]:
    """``"male 18-20"`` -> ("male", 18, 20); ``"female 50+"`` -> ("female", 50, MAX_AGE)."""
    sex, ages = level.split(" ", 1)
    if ages.endswith("+"):
        return sex, int(ages[:-1]), MAX_AGE
    low, high = ages.split("-")
    return sex, int(low), int(high)


@dataclass(frozen=True)
class Ogrs3:
    """The OGRS3 model: coefficients, the offence-code mapping and the HMPPS bands."""

    age_sex: tuple[tuple[str, int, int, float], ...]
    first_sanction: float
    repeat_sanction: float
    copas_multiplier: float
    intercepts: dict[str, float]
    categories: dict[str, float]
    bands: tuple[tuple[str, int], ...]
    codes: dict[str, OffenceCode] = field(repr=False)

    @classmethod
    def from_folder(cls, folder: Path = DEFAULT_FOLDER) -> Ogrs3:
        """Read ``ogrs3_coefficients.csv`` and ``ho_offence_code_ogrs3.csv`` from ``folder``."""
        with open(folder / COEFFICIENTS_FILE, newline="", encoding="utf-8") as handle:
            rows = [(r["component"], r["level"], r["coefficient"]) for r in csv.DictReader(handle)]
        with open(folder / OFFENCE_CODES_FILE, newline="", encoding="utf-8") as handle:
            codes = {
                r["ho_offence_code"]: OffenceCode(
                    r["ho_offence_code"], r["ogrs3_category"], f"{r['category']}: {r['sub_category']}"
                )
                for r in csv.DictReader(handle)
            }
        by: dict[str, dict[str, str]] = {}
        for component, level, value in rows:
            by.setdefault(component, {})[level] = value
        status = {level.split(" ")[0]: float(v) for level, v in by["conviction_status"].items()}
        return cls(
            age_sex=tuple((*_age_level(level), float(v)) for level, v in by["age_gender"].items()),
            first_sanction=status["first"],
            repeat_sanction=status["repeat"],
            copas_multiplier=float(by["copas_rate_multiplier"]["copas"]),
            intercepts={level: float(v) for level, v in by["intercept"].items()},
            categories={level: float(v) for level, v in by["offence_category"].items()},
            bands=tuple(sorted(((name, _band_bounds(v)) for name, v in by["risk_band"].items()), key=lambda b: b[1])),
            codes=codes,
        )

    def category_for_code(self, code: str) -> str:
        """The OGRS3 offence category of a Home Office offence code (5 digits, e.g. ``05911``)."""
        text = code.strip()
        found = self.codes.get(text.zfill(5) if text.isdigit() else text)
        if found is None:
            raise ValueError(f"{code!r} is not a Home Office offence code in the MoJ mapping: use 5 digits, e.g. 05911")
        if not found.category:
            raise ValueError(
                f"Home Office offence code {found.code} ({found.description}) has no OGRS3 category in the MoJ "
                "mapping: give the offence category instead"
            )
        return found.category

    def category(self, name: str) -> str:
        """The category's exact name, matched without regard to case."""
        wanted = " ".join(name.split()).lower()
        for known in self.categories:
            if known.lower() == wanted:
                return known
        raise ValueError(f"{name!r} is not an OGRS3 offence category; use one of: {', '.join(self.categories)}")

    def band(self, two_year: float) -> str:
        """The HMPPS band of a two-year probability, from its whole percentage rounded half up."""
        percent = max(1, min(99, math.floor(two_year * 100 + 0.5)))
        name = self.bands[0][0]
        for band, lowest in self.bands:
            if percent >= lowest:
                name = band
        return name

    def _age_sex(self, sex: str, age: int) -> float:
        for level_sex, low, high, value in self.age_sex:
            if level_sex == sex and low <= age <= high:
                return value
        raise ValueError(f"OGRS3 has no coefficient for a {sex} aged {age}")

    def score(
        self, *, sex: str, age: int, age_first_sanction: int, sanctions: int, offence_category: str
    ) -> Ogrs3Score:
        """OGRS3 for one set of inputs. ``sanctions`` counts every sanction including the current one."""
        sex = _check_inputs(sex, age, age_first_sanction, sanctions)
        terms = {
            "age_sex": self._age_sex(sex, age),
            "offence": self.categories[self.category(offence_category)],
            "conviction_status": self.first_sanction if sanctions == 1 else self.repeat_sanction,
            "copas": self.copas_multiplier * math.log(sanctions / (10 + age - age_first_sanction)),
        }
        total = sum(terms.values())
        one_year = _logistic(self.intercepts["one_year"] + total)
        two_year = _logistic(self.intercepts["two_year"] + total)
        return Ogrs3Score(one_year=one_year, two_year=two_year, band=self.band(two_year), terms=terms)


def _check_inputs(sex: str, age: int, age_first_sanction: int, sanctions: int) -> str:
    wanted = sex.strip().lower()
    if wanted not in SEXES:
        raise ValueError(f"sex must be one of {', '.join(SEXES)}, not {sex!r}")
    if not MIN_AGE <= age <= MAX_AGE:
        raise ValueError(
            f"age must be from {MIN_AGE} to {MAX_AGE} (OGRS3 starts at the age of criminal responsibility)"
        )
    if not MIN_AGE <= age_first_sanction <= age:
        raise ValueError(f"age at first sanction must be from {MIN_AGE} to the current age ({age})")
    if sanctions < 1:
        raise ValueError("sanctions must be at least 1: it counts every sanction, including the current one")
    return wanted


def _logistic(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


@cache
def load(folder: Path = DEFAULT_FOLDER) -> Ogrs3:
    """The OGRS3 model from ``folder`` (read once per folder)."""
    return Ogrs3.from_folder(folder)


# --- The proven-reoffending measure ---------------------------------------------------------


def add_months(day: date, months: int) -> date:
    """The same day ``months`` calendar months later, or the month's last day if it is shorter."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


@dataclass(frozen=True)
class Member:
    """A cohort member: a key, the start event's date and (optionally) the OGRS3 one-year probability."""

    key: str
    start: date
    expected: float | None = None


@dataclass(frozen=True)
class ProvenOffence:
    """An offence by a member: when it was committed and when it was proven (conviction or caution)."""

    member: str
    committed: date
    proven: date


def windows(member: Member) -> tuple[date, date]:
    """The last day an offence can be committed, and the last day it can be proven, to count."""
    return add_months(member.start, FOLLOW_UP_MONTHS), add_months(member.start, FOLLOW_UP_MONTHS + WAITING_MONTHS)


def _counts(start: date, ends: tuple[date, date], offence: ProvenOffence) -> bool:
    return start < offence.committed <= ends[0] and offence.proven <= ends[1]


def counts(member: Member, offence: ProvenOffence) -> bool:
    """Whether the offence is a proven reoffence for the member (the MoJ windows)."""
    return _counts(member.start, windows(member), offence)


def measurable(member: Member, as_of: date) -> bool:
    """Whether the member's follow-up and waiting periods have both ended by ``as_of``."""
    return windows(member)[1] <= as_of


def wilson_interval(successes: int, trials: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for a proportion (Wilson 1927; Newcombe 1998, method 3)."""
    if trials <= 0:
        raise ValueError("the interval needs at least one trial")
    p = successes / trials
    denominator = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denominator
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass(frozen=True)
class CohortResult:
    """The proven-reoffending measure for a cohort, with OGRS3's expectation.

    ``rate`` is reoffenders / measured with its Wilson 95% interval; ``frequency`` is proven
    reoffences per measured member. ``expected_rate`` is the mean OGRS3 one-year probability of
    the measured members that have one (``scored``); ``expected_range`` is where the actual rate
    would fall 95% of the time if they reoffended as OGRS3 predicts (normal approximation to the
    Poisson-binomial), and ``z`` the standardised difference of observed and expected
    reoffenders among the scored members.
    """

    members: int
    measured: int
    pending: int
    reoffenders: int
    reoffences: int
    rate: float | None
    rate_interval: tuple[float, float] | None
    frequency: float | None
    scored: int
    scored_reoffenders: int
    expected_rate: float | None
    expected_range: tuple[float, float] | None
    z: float | None
    reoffender_keys: frozenset[str]

    @property
    def verdict(self) -> str:
        """``lower``, ``higher`` or ``as_expected`` at the 5% level, or ``unknown`` without scores."""
        if self.z is None:
            return "unknown"
        if self.z <= -Z95:
            return "lower"
        return "higher" if self.z >= Z95 else "as_expected"


def _expected(scored: Sequence[Member], observed: int) -> tuple[float | None, tuple[float, float] | None, float | None]:
    if not scored:
        return None, None, None
    probabilities = [m.expected for m in scored if m.expected is not None]
    expected = sum(probabilities)
    variance = sum(p * (1 - p) for p in probabilities)
    n = len(probabilities)
    spread = Z95 * math.sqrt(variance) / n
    mean = expected / n
    z = (observed - expected) / math.sqrt(variance) if variance > 0 else None
    return mean, (max(0.0, mean - spread), min(1.0, mean + spread)), z


def proven_reoffending(members: Iterable[Member], offences: Iterable[ProvenOffence], *, as_of: date) -> CohortResult:
    """The measure for the members whose 18 months have passed by ``as_of``."""
    cohort = list(members)
    keys = {m.key for m in cohort}
    if len(keys) != len(cohort):
        raise ValueError("every cohort member needs a different key")
    by_member: dict[str, list[ProvenOffence]] = {}
    for offence in offences:
        if offence.member not in keys:
            raise ValueError(f"offence for {offence.member!r}, who is not in the cohort")
        if offence.proven < offence.committed:
            raise ValueError(f"an offence of {offence.member!r} is proven before it was committed")
        by_member.setdefault(offence.member, []).append(offence)
    ends = {m.key: windows(m) for m in cohort}
    measured = [m for m in cohort if ends[m.key][1] <= as_of]
    counted = {m.key: sum(1 for o in by_member.get(m.key, ()) if _counts(m.start, ends[m.key], o)) for m in measured}
    reoffenders = frozenset(k for k, n in counted.items() if n)
    scored = [m for m in measured if m.expected is not None]
    scored_reoffenders = sum(1 for m in scored if m.key in reoffenders)
    expected_rate, expected_range, z = _expected(scored, scored_reoffenders)
    n = len(measured)
    return CohortResult(
        members=len(cohort),
        measured=n,
        pending=len(cohort) - n,
        reoffenders=len(reoffenders),
        reoffences=sum(counted.values()),
        rate=len(reoffenders) / n if n else None,
        rate_interval=wilson_interval(len(reoffenders), n) if n else None,
        frequency=sum(counted.values()) / n if n else None,
        scored=len(scored),
        scored_reoffenders=scored_reoffenders,
        expected_rate=expected_rate,
        expected_range=expected_range,
        z=z,
        reoffender_keys=reoffenders,
    )
