"""Running a hotspot evaluation on the store and saving its scores."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from django.db import transaction

from crimeplan.analytics import metrics
from crimeplan.analytics.grids import DEFAULT_CELL_SIZE, Grid
from crimeplan.analytics.hotspots.data import (
    active_cells,
    cell_context,
    crime_type_name,
    load_typed_events,
    slug_or_all,
)
from crimeplan.analytics.hotspots.defaults import default_for
from crimeplan.analytics.hotspots.evaluate import Choice, Evaluation, choose, evaluate, summarise
from crimeplan.analytics.hotspots.registry import BASELINE, METHODS, make, resolve
from crimeplan.audit.events import HotspotEvaluationRecorded
from crimeplan.audit.services import record_event
from crimeplan.core.exceptions import ApplicationError
from crimeplan.core.store import harm_weights
from crimeplan.hotspots import selectors
from crimeplan.hotspots.models import EvaluationRun, EvaluationScore


@dataclass
class EvaluationOutcome:
    """What the command prints: the library's evaluation, the choice, the grid and the saved run."""

    evaluation: Evaluation
    choice: Choice | None
    grid: Grid
    events_without_location: int
    run: EvaluationRun | None
    active_cells: int = 0
    default_method: str | None = None


def _finite(value: float) -> float | None:
    return None if math.isnan(value) else value


@transaction.atomic
def evaluation_record(
    *, force: str, crime_type: str, evaluation: Evaluation, choice: Choice, grid: Grid, by: Any = None
) -> EvaluationRun:
    """Save an evaluation and its scores, and audit it."""
    run = EvaluationRun(
        force=force,
        crime_type=crime_type,
        train_months=evaluation.train_months,
        cell_size=grid.cell_size,
        test_months=evaluation.test_months,
        skipped=evaluation.skipped,
        unavailable=evaluation.unavailable,
        methods=evaluation.methods,
        coverages=list(evaluation.coverages),
        grid=grid.info(),
        peak_memory_mb={k: round(v, 2) for k, v in evaluation.peak_memory_mb.items()},
        chosen_method=choice.method,
        choice_reason=choice.reason[:300],
        beats_baseline=choice.beats_baseline,
        created_by=by if getattr(by, "pk", None) else None,
    )
    run.full_clean()
    run.save()
    scores = [
        EvaluationScore(
            run=run,
            method=r.method,
            test_month=r.test_month,
            coverage=r.coverage,
            hit_rate=_finite(r.hit_rate),
            pai=_finite(r.pai),
            pei=_finite(r.pei),
            best_hit_rate=_finite(r.best_hit_rate),
            fit_predict_s=r.fit_predict_s,
            area=r.area,
            flagged_with_crime=_finite(r.flagged_with_crime),
        )
        for r in evaluation.records
    ]
    for score in scores:
        score.full_clean(exclude=["run"])
    EvaluationScore.objects.bulk_create(scores)
    event = HotspotEvaluationRecorded(
        run=run.pk,
        force=force,
        crime_type=crime_type,
        test_months=evaluation.test_months,
        methods=evaluation.methods,
        chosen_method=choice.method,
    )
    record_event(event, actor=by, obj=run)
    return run


def _check(
    crime_type: str, methods: str, coverages: Sequence[float], train_months: int
) -> tuple[str | None, list[str]]:
    try:
        name = crime_type_name(crime_type)
        names = resolve(methods)
        bad = [c for c in coverages if not 0 < c <= 1]
        if bad or not coverages:
            raise ValueError(f"coverages must be shares of the area between 0 and 1, such as 0.05 (got {bad})")
        if train_months < 1:
            raise ValueError(f"--train-months must be 1 or more, not {train_months}")
    except ValueError as exc:
        raise ApplicationError(str(exc)) from exc
    return name, names


def _needs_context(names: Sequence[str]) -> bool:
    return any("context" in make(n).get_params() for n in names if n in METHODS)


def evaluation_run(
    *,
    force: str,
    crime_type: str,
    test_months: Sequence[str],
    train_months: int,
    methods: str = "all",
    coverages: Sequence[float] = metrics.COVERAGES,
    cell_size: float = DEFAULT_CELL_SIZE,
    save: bool = True,
    by: Any = None,
    progress: Callable[[str, str], None] | None = None,
    measure_memory: bool = True,
    harm: bool = False,
) -> EvaluationOutcome:
    """Evaluate hotspot methods on the store's months for a force and crime type (slug, name or ``all``).

    Scores are given on the force area and on the active cells (cells with a non-ASB record in any
    month the store holds for the force); records of the shipped default method are marked ``default``.
    With ``harm`` every event weighs its crime type's CCHI days, in training and in scoring (hit rate is
    then the share of the month's harm in the flagged cells); the run is saved as ``<crime type>-harm``.
    """
    name, names = _check(crime_type, methods, coverages, train_months)
    grid = selectors.force_grid(force, cell_size)
    held = set(selectors.months_held(force))
    if not held:
        raise ApplicationError(f"The store holds no street-level month for {force}.", field="force")
    typed = load_typed_events(selectors.get_store(), force, min(held), max(held))
    events = typed.of(name, harm_weights(force).weight if harm else None)
    active = active_cells(grid, typed.of(None))
    context = cell_context(selectors.get_store(), grid, typed) if _needs_context(names) else None
    coverages = tuple(sorted(coverages))
    evaluation = evaluate(
        events,
        grid,
        methods=names,
        test_months=test_months,
        train_months=train_months,
        held_months=held,
        coverages=coverages,
        progress=progress,
        active=active,
        context=context,
        measure_memory=measure_memory,
    )
    slug = slug_or_all(name)
    shipped = default_for(slug)
    slug = f"{slug}-harm" if harm else slug
    default = shipped.method if shipped and shipped.method in names else None
    if default:
        evaluation.records = [replace(r, default=r.method == default) for r in evaluation.records]
    choice = _choice(evaluation, coverages, shipped.reason if shipped and default else None, default)
    run = None
    if save and choice is not None:
        run = evaluation_record(force=force, crime_type=slug, evaluation=evaluation, choice=choice, grid=grid, by=by)
    return EvaluationOutcome(evaluation, choice, grid, events.without_location, run, int(active.sum()), default)


def _choice(
    evaluation: Evaluation, coverages: Sequence[float], reason: str | None, default: str | None
) -> Choice | None:
    """The shipped default (with its reason) when it was evaluated, else the best median PAI at 5%."""
    if default and reason and evaluation.records:
        return Choice(default, 0.01, float("nan"), None, default != BASELINE, f"shipped default: {reason}")
    if evaluation.records and 0.05 in coverages:
        return choose(summarise(evaluation), 0.05)
    return None
