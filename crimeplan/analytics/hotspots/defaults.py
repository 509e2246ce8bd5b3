"""The default hotspot method per crime type: chosen on development months only, shipped with its evidence.

``defaults.json`` (in this package) holds, per crime type slug (``all`` for all crime except ASB),
the method the hotspot page uses, the rule and the figures it was chosen on, and the months those
figures came from. :func:`choose_default` writes an entry from the summaries of a development
evaluation; the months it judges a method on must all be before the months the method is then
evaluated on (:func:`check_split`), so a default is never chosen on the months that report it.

**Rule.** For each force, each method's median hit rate at 1% of active cells over the development
months, divided by the best of the open peers' (naive counts, retrospective and prospective
hotspotting) in that force. The default is the method with the highest mean ratio over the forces; a
method other than a peer must beat the best peer by at least ``MIN_GAIN`` on that mean, otherwise the
best peer is the default (a tie goes to the simpler, published method).
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from crimeplan.analytics.hotspots.evaluate import Summary

#: The open_cp-style methods a default must beat: naive counts, retrospective and prospective hotspotting.
PEERS = ("naive", "retrospective", "prospective")
CHOICE_COVERAGE = 0.01
CHOICE_AREA = "active"
MIN_GAIN = 0.01


@dataclass(frozen=True)
class DefaultChoice:
    """One crime type's default method, why, and the figures it was chosen on."""

    crime_type: str
    method: str
    reason: str
    chosen_on: list[str]
    rule: str = f"highest mean over forces of median hit rate at {CHOICE_COVERAGE:.0%} of active cells / best peer's"
    evidence: dict[str, dict[str, float]] = field(default_factory=dict)  # force -> method -> median hit rate

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def defaults_path() -> Path:
    return Path(str(resources.files("crimeplan.analytics.hotspots").joinpath("defaults.json")))


def load_defaults(path: Path | None = None) -> dict[str, DefaultChoice]:
    """The shipped defaults by crime type slug (empty if none are shipped)."""
    file = path or defaults_path()
    if not file.exists():
        return {}
    raw = json.loads(file.read_text(encoding="utf-8"))
    return {slug: DefaultChoice(**entry) for slug, entry in raw.items()}


def default_for(crime_type: str, path: Path | None = None) -> DefaultChoice | None:
    """The default for a crime type slug (``all`` for all crime), or ``None`` if none was chosen."""
    return load_defaults(path).get(crime_type)


def write_defaults(choices: Mapping[str, DefaultChoice], path: Path | None = None) -> Path:
    file = path or defaults_path()
    merged = {
        **{k: v.as_dict() for k, v in load_defaults(file).items()},
        **{k: v.as_dict() for k, v in choices.items()},
    }
    file.write_text(json.dumps(dict(sorted(merged.items())), indent=1) + "\n", encoding="utf-8")
    return file


def check_split(development: Sequence[str], evaluation: Sequence[str]) -> None:
    """``ValueError`` unless every development month is before every evaluation month."""
    if not development or not evaluation:
        raise ValueError("both the development and the evaluation months must be given")
    if max(development) >= min(evaluation):
        raise ValueError(
            f"the default must be chosen on months before the evaluation months: development ends "
            f"{max(development)}, evaluation starts {min(evaluation)}"
        )


def _medians(summaries: Sequence[Summary]) -> dict[str, float]:
    return {
        s.method: s.hit_rate[0]
        for s in summaries
        if (s.area, s.coverage) == (CHOICE_AREA, CHOICE_COVERAGE) and s.hit_rate[0] == s.hit_rate[0]
    }


def choose_default(crime_type: str, by_force: Mapping[str, Sequence[Summary]], months: Sequence[str]) -> DefaultChoice:
    """The default for ``crime_type`` from development summaries per force (see the module's rule)."""
    evidence = {force: _medians(rows) for force, rows in by_force.items()}
    methods = set.intersection(*(set(e) for e in evidence.values())) if evidence else set()
    peers = [p for p in PEERS if p in methods]
    if not peers:
        raise ValueError(f"the development evaluation must include at least one of {', '.join(PEERS)}")
    ratio = {
        m: statistics.mean(
            e[m] / max(e[p] for p in peers) if max(e[p] for p in peers) else 0.0 for e in evidence.values()
        )
        for m in methods
    }
    best_peer = max(peers, key=lambda m: (ratio[m], -PEERS.index(m)))
    best = max(sorted(methods), key=lambda m: ratio[m])
    if best in peers or ratio[best] < 1 + MIN_GAIN:
        method = best_peer
        reason = (
            f"no method beat the best open peer by {MIN_GAIN:.0%} at {CHOICE_COVERAGE:.0%} of active cells on the "
            f"development months (best other: {best}, {ratio[best]:.3f}× the best peer), so {best_peer} is used"
        )
    else:
        method = best
        reason = (
            f"hit rate at {CHOICE_COVERAGE:.0%} of active cells on the development months was {ratio[best]:.3f}× the "
            f"best open peer's (mean over {', '.join(sorted(evidence))})"
        )
    rounded = {f: {m: round(v, 4) for m, v in sorted(e.items())} for f, e in evidence.items()}
    return DefaultChoice(crime_type, method, reason, sorted(months), evidence=rounded)
