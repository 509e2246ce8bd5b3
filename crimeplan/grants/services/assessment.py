"""Assessing: conflict-of-interest declarations, scores against the fund's criteria, moderation."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from crimeplan.audit.services import record_event
from crimeplan.core.exceptions import ApplicationError
from crimeplan.grants.constants import ApplicationStatus, Recommendation
from crimeplan.grants.events import ApplicationModerated, AssessmentSubmitted, AssessorsAssigned, InterestDeclared
from crimeplan.grants.models import Application, Assessment, Round, Score
from crimeplan.grants.permissions import require_assessor, require_manage

#: Scored assessments (without a conflict) an application needs before it can be moderated.
MIN_ASSESSMENTS = 2
ASSESSABLE = (ApplicationStatus.SUBMITTED, ApplicationStatus.ASSESSING)


@transaction.atomic
def declare_interest(*, application: Application, assessor: Any, conflict: bool, details: str) -> Assessment:
    """An assessor's declaration, made before they see the scoring form. A conflict means they cannot score."""
    require_assessor(assessor, application)
    if application.status not in ASSESSABLE:
        raise ApplicationError(f"{application} is not being assessed ({application.get_status_display().lower()}).")
    if Assessment.objects.filter(application=application, assessor=assessor).exists():
        raise ApplicationError("You have already made your declaration for this application.")
    if conflict and not details.strip():
        raise ValidationError(
            {"conflict_details": ValidationError("Describe the conflict of interest", code="required")}
        )
    assessment = Assessment(application=application, assessor=assessor, conflict=conflict, conflict_details=details)
    assessment.full_clean()
    assessment.save()
    record_event(
        InterestDeclared(reference=str(application), conflict=conflict, details=details), actor=assessor, obj=assessment
    )
    return assessment


@transaction.atomic
def submit_scores(
    *, assessment: Assessment, scores: dict[int, tuple[int, str]], recommendation: str, comments: str
) -> Assessment:
    """Score every criterion of the fund (criterion id -> (score, comment)) and recommend."""
    assessment = Assessment.objects.select_for_update().select_related("application__round__fund").get(pk=assessment.pk)
    application = assessment.application
    if assessment.conflict:
        raise ApplicationError("You declared a conflict of interest in this application, so you cannot score it.")
    if assessment.submitted_at is not None:
        raise ApplicationError("You have already scored this application.")
    if application.status not in ASSESSABLE:
        raise ApplicationError(f"{application} is no longer being assessed.")
    criteria = list(application.round.fund.criteria.all())
    missing = [c.title for c in criteria if c.pk not in scores]
    if missing:
        raise ValidationError(f"Score every criterion: {', '.join(missing)}", code="required")
    for criterion in criteria:
        score, comment = scores[criterion.pk]
        row = Score(assessment=assessment, criterion=criterion, score=score, comment=comment)
        row.full_clean()
        row.save()
    assessment.recommendation, assessment.comments, assessment.submitted_at = recommendation, comments, timezone.now()
    assessment.full_clean()
    assessment.save()
    Application.objects.filter(pk=application.pk).update(status=ApplicationStatus.ASSESSING)
    record_event(
        AssessmentSubmitted(
            reference=str(application),
            scores={c.title: scores[c.pk][0] for c in criteria},
            weighted_score=f"{assessment.weighted_score:.2f}",
            recommendation=Recommendation(recommendation).label,
        ),
        actor=assessment.assessor,
        obj=assessment,
    )
    return assessment


def scored(application: Application) -> list[Assessment]:
    """Submitted assessments by assessors without a conflict."""
    return list(
        application.assessments.filter(conflict=False, submitted_at__isnull=False)
        .select_related("assessor")
        .prefetch_related("scores__criterion")
    )


def mean_score(assessments: list[Assessment]) -> Decimal | None:
    values = [a.weighted_score for a in assessments if a.weighted_score is not None]
    return (sum(values, Decimal(0)) / len(values)).quantize(Decimal("0.01")) if values else None


def moderation_blocker(application: Application, user: Any) -> str:
    """Why ``user`` cannot moderate ``application`` now ("" when they can): the page offers only what can succeed."""
    if application.status != ApplicationStatus.ASSESSING:
        return f"It is not ready for moderation ({application.get_status_display().lower()})."
    done = scored(application)
    if len(done) < MIN_ASSESSMENTS:
        return f"{MIN_ASSESSMENTS} or more assessors without a conflict must score it first ({len(done)} so far)."
    if any(a.assessor_id == user.pk for a in done):
        return "You scored this application, so someone else must moderate it."
    return ""


@transaction.atomic
def moderate(*, application: Application, by: Any, score: Decimal | None, note: str) -> Application:
    """Settle the score from two or more assessors' scores; a score other than their mean needs a reason."""
    require_manage(by)
    application = Application.objects.select_for_update().get(pk=application.pk)
    blocker = moderation_blocker(application, by)
    if blocker:
        raise ApplicationError(f"{application} cannot be moderated now. {blocker}")
    done = scored(application)
    mean = mean_score(done)
    if score is not None and score != mean and not note.strip():
        raise ValidationError(
            {
                "note": ValidationError(
                    f"Give the reason for a moderated score other than the assessors' mean ({mean})", code="required"
                )
            }
        )
    application.moderated_score = mean if score is None else score
    application.moderation_note, application.moderated_by = note, by
    application.status = ApplicationStatus.MODERATED
    application.full_clean()
    application.save()
    record_event(
        ApplicationModerated(
            reference=str(application),
            assessor_scores=[f"{a.assessor}: {a.weighted_score:.2f}" for a in done],
            moderated_score=str(application.moderated_score),
            note=note,
        ),
        actor=by,
        obj=application,
    )
    return application


@transaction.atomic
def assign_assessors(*, user: Any, round_: Round, assessors: list[Any]) -> Round:
    """Set who assesses the round; someone who has already declared or scored on it stays."""
    require_manage(user)
    before = set(round_.assessors.all())
    wanted = set(assessors)
    started = {a.assessor for a in Assessment.objects.filter(application__round=round_).select_related("assessor")}
    kept = (before - wanted) & started
    if kept:
        names = ", ".join(sorted(str(a) for a in kept))
        raise ValidationError(
            {
                "assessors": ValidationError(
                    f"{names} already declared or scored on this round, so they stay its assessors",
                    code="assessor_started",
                )
            }
        )
    round_.assessors.set(wanted)
    record_event(
        AssessorsAssigned(
            round=str(round_),
            added=sorted(str(a) for a in wanted - before),
            removed=sorted(str(a) for a in before - wanted),
        ),
        actor=user,
        obj=round_,
    )
    return round_
