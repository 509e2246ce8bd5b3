"""The CSP allocation simulator: each partnership's share under the current and the proposed weights."""

from __future__ import annotations

from dataclasses import dataclass

from crimeplan.analytics import allocation
from crimeplan.core.exceptions import ApplicationError
from crimeplan.core.store import get_store, harm_weights, months_held
from crimeplan.grants.models import AllocationDecision

#: Weights used until a first decision is saved: a starting point for discussion, not any office's policy.
STARTING_WEIGHTS = allocation.Weights(base=25, population=25, crime=15, harm=20, deprivation=15)


@dataclass(frozen=True)
class Row:
    inputs: allocation.AreaInputs
    current: allocation.Share
    proposed: allocation.Share

    @property
    def change(self) -> int:
        return self.proposed.amount - self.current.amount


@dataclass(frozen=True)
class Simulation:
    force: str
    total: int
    first: str
    last: str
    deprived_deciles: int
    current: allocation.Weights
    proposed: allocation.Weights
    current_source: str
    rows: list[Row]

    def as_results(self) -> list[dict[str, object]]:
        """What a decision record keeps for each CSP."""
        return [
            {
                "code": r.inputs.code,
                "name": r.inputs.name,
                "population": r.inputs.population,
                "crimes": r.inputs.crimes,
                "harm": round(r.inputs.harm, 1),
                "deprived_population": r.inputs.deprived_population,
                "current_amount": r.current.amount,
                "proposed_amount": r.proposed.amount,
                "proposed_share": round(r.proposed.share, 6),
            }
            for r in self.rows
        ]


def current_weights(force: str) -> tuple[allocation.Weights, str]:
    """The weights of the latest decision for the force, or the starting weights."""
    latest = AllocationDecision.objects.filter(force=force).order_by("-decided_at", "-id").first()
    if latest is None:
        return STARTING_WEIGHTS, "starting weights (no decision saved yet)"
    label = f"{latest.title}, decided {latest.decided_at:%-d %B %Y}"
    return allocation.Weights.from_mapping(latest.weights), label + (" (example)" if latest.is_example else "")


def default_period(force: str) -> tuple[str, str]:
    held = months_held(force)
    if not held:
        raise ApplicationError(f"No police data is loaded for {force}, so crime and harm shares cannot be worked out.")
    return held[max(0, len(held) - 12)], held[-1]


def simulate(
    *, force: str, total: int, first: str, last: str, proposed: allocation.Weights, deprived_deciles: int = 2
) -> Simulation:
    current, source = current_weights(force)
    weights = harm_weights(force)
    try:
        inputs = allocation.inputs_from_store(
            get_store(), force, first, last, weights, deprived_deciles=deprived_deciles
        )
        now = allocation.allocate(inputs, current, total)
        then = allocation.allocate(inputs, proposed, total)
    except ValueError as exc:
        raise ApplicationError(str(exc)) from exc
    rows = [Row(i, c, p) for i, c, p in zip(inputs, now, then, strict=True)]
    return Simulation(force, total, first, last, deprived_deciles, current, proposed, source, rows)
