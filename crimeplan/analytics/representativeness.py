"""Who is heard: members and PACT voters against the resident population, post-stratified votes, and
under-heard LSOAs.

**Population.** Age from the ONS mid-2020 small-area estimates (single year of age by 2011 LSOA), counted for
residents aged 16 and over in :data:`AGE_BANDS`; ethnicity from Census 2021 table TS021 (five broad groups, all
usual residents, by 2021 LSOA). A 2011 LSOA whose code was split or merged in 2021 has no ethnicity row: its
residents are left out of the ethnicity shares (the count is reported as ``ethnicity_missing_lsoas``) rather
than guessed.

**Post-stratification** (Little 1993, "Post-stratification: a modeler's perspective", JASA 88:1001-12). A cell is
an age band × ethnic group. The census gives the two margins but not their join for a small area, so a cell's
population share is the product of the margins (independence within the neighbourhood; stated on every
result). A ballot whose voter gave both age band and ethnicity gets the weight ``target share of its cell /
sample share of its cell``, where target shares are renormalised over the cells that hold at least one ballot
(a cell nobody in the sample falls in cannot be weighted up from nothing: its share is reported as
``unrepresented_share``). **Fallback for unknown demographics:** a ballot missing either field keeps weight 1,
and the known ballots' weights are scaled so that they sum to the number of known ballots; the weighted total
therefore equals the number of ballots, and the unknown share is shown beside the result. Kish's effective
sample size ``(Σw)² / Σw²`` says how much the weighting costs.

**Under-heard LSOAs.** Members per 1,000 residents in each LSOA against the neighbourhood's rate. An LSOA is
flagged when (a) its rate is below half the neighbourhood's rate, and (b) the chance of so few members, were
the LSOA at the neighbourhood's rate, is below 5% (one-sided Poisson: ``P(X ≤ members)`` with mean
``residents × neighbourhood rate``). Both conditions: (a) alone flags tiny LSOAs by chance, (b) alone flags
large LSOAs that are only a little low.
"""

from __future__ import annotations

import csv
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

#: Adult age bands (16 and over), as (label, first age, last age); the last band is open.
AGE_BANDS: tuple[tuple[str, int, int], ...] = (
    ("16-24", 16, 24),
    ("25-34", 25, 34),
    ("35-44", 35, 44),
    ("45-54", 45, 54),
    ("55-64", 55, 64),
    ("65-74", 65, 74),
    ("75+", 75, 200),
)
AGE_BAND_LABELS = tuple(label for label, _, _ in AGE_BANDS)

#: Census 2021 broad ethnic groups (TS021): crimeplan's slug and the census label.
ETHNIC_GROUPS: dict[str, str] = {
    "asian": "Asian, Asian British or Asian Welsh",
    "black": "Black, Black British, Black Welsh, Caribbean or African",
    "mixed": "Mixed or Multiple ethnic groups",
    "white": "White",
    "other": "Other ethnic group",
}
_GROUP_OF_LABEL = {label: slug for slug, label in ETHNIC_GROUPS.items()}

#: Aggregates only: a category with 1 to 4 people is shown as "fewer than 5", never as its count or share.
SMALL_NUMBER = 5

#: The under-heard rule: below this share of the neighbourhood's rate, and this one-sided Poisson level.
UNDER_HEARD_RATIO = 0.5
UNDER_HEARD_LEVEL = 0.05
INDEPENDENCE_NOTE = "cell shares are age share × ethnicity share (the census gives no join for small areas)"
CITATION = (
    "ONS mid-2020 small area population estimates (SAPE23DT2); ONS Census 2021 TS021 ethnic group; "
    "post-stratification after Little (1993)"
)


def age_band(age: int) -> str:
    """The band an age falls in; ``ValueError`` under 16."""
    for label, first, last in AGE_BANDS:
        if first <= age <= last:
            return label
    raise ValueError(f"no age band for {age}: bands start at 16 ({', '.join(AGE_BAND_LABELS)})")


def load_age_bands(path: Path, lsoa_codes: Iterable[str] | None = None) -> dict[str, dict[str, int]]:
    """Residents aged 16+ by age band for each 2011 LSOA of the mid-2020 single-year-of-age file."""
    wanted = set(lsoa_codes) if lsoa_codes is not None else None
    out: dict[str, dict[str, int]] = {}
    with open(path, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            code = row["lsoa11_code"]
            if wanted is not None and code not in wanted:
                continue
            bands = dict.fromkeys(AGE_BAND_LABELS, 0)
            for column, value in row.items():
                age = 90 if column == "90+" else int(column) if column.isdigit() else None
                if age is not None and age >= 16:
                    bands[age_band(age)] += int(value)
            out[code] = bands
    return out


def load_ethnicity(path: Path, lsoa_codes: Iterable[str] | None = None) -> dict[str, dict[str, int]]:
    """Usual residents by broad ethnic group for each 2021 LSOA of the Census 2021 TS021 long file."""
    wanted = set(lsoa_codes) if lsoa_codes is not None else None
    out: dict[str, dict[str, int]] = {}
    with open(path, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            code = row["lsoa21_code"]
            if wanted is not None and code not in wanted:
                continue
            group = _GROUP_OF_LABEL.get(row["ethnic_group"])
            if group is None:
                raise ValueError(f"unknown ethnic group {row['ethnic_group']!r}; known: {', '.join(_GROUP_OF_LABEL)}")
            out.setdefault(code, dict.fromkeys(ETHNIC_GROUPS, 0))[group] = int(row["n"])
    return out


@dataclass(frozen=True)
class Population:
    """A neighbourhood's residents: 16+ by age band, all ages by ethnic group."""

    age: Mapping[str, int]
    ethnicity: Mapping[str, int]
    lsoas: int
    ethnicity_missing_lsoas: tuple[str, ...] = ()

    def age_share(self, band: str) -> float:
        total = sum(self.age.values())
        return self.age.get(band, 0) / total if total else 0.0

    def ethnicity_share(self, group: str) -> float:
        total = sum(self.ethnicity.values())
        return self.ethnicity.get(group, 0) / total if total else 0.0


def population_of(
    lsoa_codes: Iterable[str], age: Mapping[str, Mapping[str, int]], ethnicity: Mapping[str, Mapping[str, int]]
) -> Population:
    """Sum the LSOAs' age bands and ethnic groups (LSOAs with no census ethnicity row are listed, not guessed)."""
    codes = sorted(set(lsoa_codes))
    ages: Counter[str] = Counter(dict.fromkeys(AGE_BAND_LABELS, 0))
    groups: Counter[str] = Counter(dict.fromkeys(ETHNIC_GROUPS, 0))
    missing = []
    for code in codes:
        ages.update(age.get(code, {}))
        if code in ethnicity:
            groups.update(ethnicity[code])
        else:
            missing.append(code)
    return Population(age=dict(ages), ethnicity=dict(groups), lsoas=len(codes), ethnicity_missing_lsoas=tuple(missing))


@dataclass(frozen=True)
class Share:
    """One category: residents and people in the sample (members or voters), with their shares."""

    category: str
    residents: int
    resident_share: float
    people: int
    share: float  # of the people whose value is known

    @property
    def suppressed(self) -> bool:
        """True when 1 to ``SMALL_NUMBER - 1`` people are in the category: too few to show without pointing at them."""
        return 0 < self.people < SMALL_NUMBER

    @property
    def difference_points(self) -> float:
        """Sample share minus resident share, in percentage points."""
        return round(100 * (self.share - self.resident_share), 1)

    @property
    def ratio(self) -> float | None:
        """Sample share / resident share (1 = heard in proportion; None when no residents)."""
        return self.share / self.resident_share if self.resident_share else None


@dataclass(frozen=True)
class Comparison:
    """A sample against the population on one characteristic; ``unknown`` people gave no value."""

    characteristic: str
    rows: tuple[Share, ...]
    known: int
    unknown: int


def compare(characteristic: str, residents: Mapping[str, int], values: Sequence[str | None]) -> Comparison:
    """Each category's share of residents against its share of the sample (of those who said)."""
    said = Counter(v for v in values if v)
    known = sum(said.values())
    total = sum(residents.values())
    rows = tuple(
        Share(
            category=category,
            residents=count,
            resident_share=count / total if total else 0.0,
            people=said.get(category, 0),
            share=said.get(category, 0) / known if known else 0.0,
        )
        for category, count in residents.items()
    )
    return Comparison(characteristic=characteristic, rows=rows, known=known, unknown=len(values) - known)


@dataclass(frozen=True)
class Ballot:
    """One voter's choices, with their age band and ethnic group when they gave them."""

    choices: tuple[str, ...]
    age_band: str | None = None
    ethnicity: str | None = None

    @property
    def cell(self) -> tuple[str, str] | None:
        return (self.age_band, self.ethnicity) if self.age_band and self.ethnicity else None


@dataclass(frozen=True)
class OptionResult:
    """One option's votes: raw count and share of ballots; weighted votes and share of the weighted total."""

    option: str
    votes: int
    share: float
    weighted_votes: float
    weighted_share: float


@dataclass(frozen=True)
class PostStratified:
    """Votes raw and weighted to the census; see the module docstring for the method and the fallback."""

    options: tuple[OptionResult, ...]
    ballots: int
    known: int
    unknown: int
    weights: Mapping[tuple[str, str], float]
    unrepresented_share: float
    effective_sample_size: float
    note: str = INDEPENDENCE_NOTE
    citation: str = CITATION
    cell_targets: Mapping[tuple[str, str], float] = field(default_factory=dict)


def cell_targets(population: Population) -> dict[tuple[str, str], float]:
    """Population share of each age band × ethnic group cell, by independence of the margins."""
    return {
        (band, group): population.age_share(band) * population.ethnicity_share(group)
        for band in AGE_BAND_LABELS
        for group in ETHNIC_GROUPS
    }


def cell_weights(
    ballots: Sequence[Ballot], targets: Mapping[tuple[str, str], float]
) -> tuple[dict[tuple[str, str], float], float]:
    """The weight of each cell present among the known ballots, and the target share no ballot represents."""
    counts: Counter[tuple[str, str]] = Counter(b.cell for b in ballots if b.cell is not None)
    known = sum(counts.values())
    for cell in counts:
        if cell not in targets:
            raise ValueError(f"unknown cell {cell}; age bands {AGE_BAND_LABELS}, groups {tuple(ETHNIC_GROUPS)}")
    present = sum(targets[cell] for cell in counts)
    if not known or not present:
        return {cell: 1.0 for cell in counts}, 1.0 if known else 0.0
    weights = {cell: (targets[cell] / present) / (n / known) for cell, n in counts.items()}
    return weights, 1.0 - present


def poststratify(ballots: Sequence[Ballot], population: Population) -> PostStratified:
    """Raw and post-stratified results of ``ballots`` (each may choose several options)."""
    targets = cell_targets(population)
    weights, unrepresented = cell_weights(ballots, targets)
    per_ballot = [weights.get(b.cell, 1.0) if b.cell is not None else 1.0 for b in ballots]
    raw: Counter[str] = Counter()
    weighted: dict[str, float] = {}
    for ballot, weight in zip(ballots, per_ballot, strict=True):
        for option in set(ballot.choices):
            raw[option] += 1
            weighted[option] = weighted.get(option, 0.0) + weight
    n = len(ballots)
    total_weight = sum(per_ballot)
    options = tuple(
        OptionResult(
            option=option,
            votes=raw[option],
            share=raw[option] / n if n else 0.0,
            weighted_votes=weighted[option],
            weighted_share=weighted[option] / total_weight if total_weight else 0.0,
        )
        for option in sorted(raw, key=lambda o: (-weighted[o], -raw[o], o))
    )
    squares = sum(w * w for w in per_ballot)
    known = sum(1 for b in ballots if b.cell is not None)
    return PostStratified(
        options=options,
        ballots=n,
        known=known,
        unknown=n - known,
        weights=weights,
        unrepresented_share=unrepresented,
        effective_sample_size=total_weight * total_weight / squares if squares else 0.0,
        cell_targets=targets,
    )


@dataclass(frozen=True)
class AreaMembers:
    """One LSOA: residents (all ages) and members living there."""

    code: str
    name: str
    residents: int
    members: int


@dataclass(frozen=True)
class HeardArea:
    """An LSOA's members per 1,000 residents against the neighbourhood, and whether it is under-heard."""

    code: str
    name: str
    residents: int
    members: int
    rate_per_1000: float | None
    expected: float
    p_value: float
    under_heard: bool


def poisson_cdf(k: int, mean: float) -> float:
    """``P(X ≤ k)`` for a Poisson variable with this mean (summed in log space)."""
    if k < 0:
        return 0.0
    if mean <= 0:
        return 1.0
    total = 0.0
    for i in range(k + 1):
        total += math.exp(i * math.log(mean) - mean - math.lgamma(i + 1))
    return min(total, 1.0)


def under_heard(
    areas: Sequence[AreaMembers], *, ratio: float = UNDER_HEARD_RATIO, level: float = UNDER_HEARD_LEVEL
) -> tuple[float | None, list[HeardArea]]:
    """The neighbourhood's members per 1,000 residents, and each LSOA's figures with its flag (see the rule above)."""
    residents = sum(a.residents for a in areas)
    members = sum(a.members for a in areas)
    per_person = members / residents if residents else 0.0
    out = []
    for area in areas:
        expected = area.residents * per_person
        p_value = poisson_cdf(area.members, expected)
        rate = 1000 * area.members / area.residents if area.residents else None
        low = rate is not None and rate < ratio * 1000 * per_person
        out.append(
            HeardArea(
                code=area.code,
                name=area.name,
                residents=area.residents,
                members=area.members,
                rate_per_1000=rate,
                expected=expected,
                p_value=p_value,
                under_heard=bool(low and p_value < level),
            )
        )
    return (1000 * per_person if residents else None), out
