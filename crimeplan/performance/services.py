"""Writing plan data: figures entered by staff for measures that police.uk cannot give."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from crimeplan.accounts.models import User
from crimeplan.audit.events import FigureEntered
from crimeplan.audit.services import record_event
from crimeplan.core.permissions import check
from crimeplan.performance.constants import Source
from crimeplan.performance.models import Measure, MeasureFigure

ENTER_FIGURES = "performance.enter_figures"


@transaction.atomic
def enter_figure(
    *, user: User, measure: Measure, first_month: str, last_month: str, value: Decimal, source: str
) -> MeasureFigure:
    """Record the figure for a period of whole months, replacing one entered before for that period.

    Only accounts with ``performance.enter_figures`` may: the figure is published on the dashboard and API.
    """
    check(user, ENTER_FIGURES)
    if measure.source != Source.ENTERED:
        raise ValidationError(
            "This measure is counted from police data or by a module; figures cannot be entered for it.",
            code="not_entered",
        )
    figure = (
        MeasureFigure.objects.select_for_update()
        .filter(measure=measure, first_month=first_month, last_month=last_month)
        .first()
    )
    previous = None if figure is None else str(figure.value)
    if figure is None:
        figure = MeasureFigure(measure=measure, first_month=first_month, last_month=last_month)
    figure.value, figure.source, figure.entered_by = value, source, user
    figure.full_clean()
    figure.save()
    event = FigureEntered(
        measure=measure.title,
        first_month=first_month,
        last_month=last_month,
        value=str(value),
        previous=previous,
        source=source,
    )
    record_event(event, actor=user, obj=figure)
    return figure
