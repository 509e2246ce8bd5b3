"""Working a case: status, timeline, needs, plan, interventions, outcome scores and the team."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from crimeplan.accounts.models import Organisation
from crimeplan.cases.constants import (
    REASON_REQUIRED,
    TRANSITIONS,
    ActionStatus,
    DataCategory,
    EntryKind,
    NeedLevel,
    Stage,
    Status,
)
from crimeplan.cases.events import CaseStatusChanged
from crimeplan.cases.models import (
    Case,
    Intervention,
    NeedAssessment,
    NeedDomain,
    NeedRating,
    OutcomeScale,
    OutcomeScore,
    PlanAction,
    Service,
    StatusChange,
    TeamMember,
    TimelineEntry,
)
from crimeplan.cases.services.common import add_to_timeline, audit_case, changed, name_of, save


@transaction.atomic
def change_status(
    *, case: Case, by: Any, to_status: str, reason: str = "", close_reason: str = "", basis: str = "",
    basis_reason: str = "",
) -> Case:  # fmt: skip
    """Move the case one step along the workflow (``TRANSITIONS``), with the reason.

    A case is accepted only with the person's consent or another lawful basis recorded (``basis``, with
    ``basis_reason`` where consent is not the basis), given at referral or here.
    """
    case = Case.objects.select_for_update().get(pk=case.pk)
    if basis and not case.basis:
        case.basis, case.basis_reason = basis, basis_reason.strip()
    if to_status == Status.ACCEPTED and not case.basis:
        message = (
            "Record the person's consent, or the lawful basis for working with them without it, "
            "before accepting the case"
        )
        raise ValidationError({"basis": ValidationError(message, code="basis")})
    allowed = TRANSITIONS[case.status]
    if to_status not in allowed:
        names = " or ".join(Status(s).label.lower() for s in allowed) or "nothing: it is finished"
        raise ValidationError(
            {
                "to_status": ValidationError(
                    f"A {case.get_status_display().lower()} case can become {names}", code="transition"
                )
            }
        )
    if to_status in REASON_REQUIRED and not reason.strip():
        raise ValidationError(
            {
                "reason": ValidationError(
                    f"Enter the reason the case is {Status(to_status).label.lower()}", code="required"
                )
            }
        )
    if to_status == Status.CLOSED and not close_reason:
        raise ValidationError({"close_reason": ValidationError("Select why the case is closed", code="required")})
    from_status, now = case.status, timezone.now()
    case.status, case.status_changed_at = to_status, now
    case.close_reason = close_reason if to_status == Status.CLOSED else ""
    save(case)
    save(
        StatusChange(
            case=case,
            from_status=from_status,
            to_status=to_status,
            reason=reason,
            close_reason=case.close_reason,
            by=by,
            by_name=name_of(by),
            at=now,
        )
    )
    summary = f"{Status(from_status).label} → {Status(to_status).label}"
    add_to_timeline(case=case, by=by, kind=EntryKind.STATUS, summary=summary, text=reason)
    audit_case(
        CaseStatusChanged(reference=case.reference, from_status=from_status, to_status=to_status), case=case, by=by
    )
    return case


@transaction.atomic
def add_entry(
    *,
    case: Case,
    by: Any,
    kind: str,
    occurred_on: date,
    summary: str,
    text: str = "",
    data_category: str = DataCategory.CIRCUMSTANCES,
) -> TimelineEntry:
    """A contact or a note on the timeline; mark it health data when it is."""
    if kind not in (EntryKind.CONTACT, EntryKind.NOTE):
        raise ValidationError({"kind": ValidationError("Choose contact or note", code="invalid_choice")})
    if occurred_on > timezone.localdate():
        raise ValidationError({"occurred_on": ValidationError("The date must be today or in the past", code="future")})
    entry = add_to_timeline(
        case=case,
        by=by,
        kind=EntryKind(kind),
        summary=summary,
        occurred_on=occurred_on,
        text=text,
        data_category=data_category,
    )
    changed(case=case, by=by, change=f"{kind} recorded")
    return entry


@transaction.atomic
def assess_needs(
    *, case: Case, by: Any, stage: str, assessed_on: date, levels: Mapping[NeedDomain, int], notes: str = ""
) -> NeedAssessment:
    """Rate every domain given at one stage."""
    if not levels:
        raise ValidationError({"levels": ValidationError("Rate at least one area of need", code="required")})
    assessment = NeedAssessment(case=case, stage=stage, assessed_on=assessed_on, assessed_by=by, notes=notes)
    save(assessment)
    for domain, level in levels.items():
        save(NeedRating(assessment=assessment, domain=domain, level=NeedLevel(level)))
    add_to_timeline(
        case=case,
        by=by,
        kind=EntryKind.ASSESSMENT,
        summary=f"{Stage(stage).label} needs assessment ({len(levels)} areas)",
        occurred_on=assessed_on,
    )
    changed(case=case, by=by, change=f"{stage} needs assessment")
    return assessment


@transaction.atomic
def add_action(
    *,
    case: Case,
    by: Any,
    description: str,
    owner_organisation: Organisation,
    owner_name: str,
    due_on: date,
    domain: NeedDomain | None = None,
) -> PlanAction:
    action = PlanAction(
        case=case,
        description=description,
        domain=domain,
        owner_organisation=owner_organisation,
        owner_name=owner_name,
        due_on=due_on,
        created_by=by,
    )
    save(action)
    category = domain.data_category if domain else DataCategory.CIRCUMSTANCES
    summary = f"Action added: {description} ({owner_name}, {owner_organisation}, due {due_on:%d %B %Y})"
    add_to_timeline(case=case, by=by, kind=EntryKind.ACTION, summary=summary, data_category=category)
    changed(case=case, by=by, change="plan action added")
    return action


@transaction.atomic
def finish_action(*, action: PlanAction, by: Any, status: str, completed_on: date | None = None) -> PlanAction:
    if status not in (ActionStatus.DONE, ActionStatus.CANCELLED):
        raise ValidationError({"status": ValidationError("Mark the action done or cancelled", code="invalid_choice")})
    action.status = status
    action.completed_on = (completed_on or timezone.localdate()) if status == ActionStatus.DONE else None
    save(action)
    category = action.domain.data_category if action.domain else DataCategory.CIRCUMSTANCES
    summary = f"Action {ActionStatus(status).label.lower()}: {action.description}"
    add_to_timeline(case=action.case, by=by, kind=EntryKind.ACTION, summary=summary, data_category=category)
    changed(case=action.case, by=by, change=f"plan action {status}")
    return action


@transaction.atomic
def record_intervention(
    *,
    case: Case,
    by: Any,
    service: Service,
    status: str,
    referred_on: date,
    started_on: date | None = None,
    ended_on: date | None = None,
    notes: str = "",
    intervention: Intervention | None = None,
) -> Intervention:
    """Add an intervention, or update one (pass ``intervention``)."""
    if started_on and started_on < referred_on:
        raise ValidationError(
            {"started_on": ValidationError("The start date must be on or after the referral date", code="order")}
        )
    if ended_on and ended_on < (started_on or referred_on):
        raise ValidationError({"ended_on": ValidationError("The end date must be on or after the start", code="order")})
    item = intervention or Intervention(case=case, recorded_by=by)
    item.service, item.status, item.referred_on = service, status, referred_on
    item.started_on, item.ended_on, item.notes = started_on, ended_on, notes
    save(item)
    verb = "updated" if intervention else "added"
    summary = f"Intervention {verb}: {service.name} ({item.get_status_display().lower()})"
    add_to_timeline(case=case, by=by, kind=EntryKind.INTERVENTION, summary=summary, data_category=service.data_category)
    changed(case=case, by=by, change=f"intervention {verb}")
    return item


@transaction.atomic
def record_outcomes(
    *, case: Case, by: Any, stage: str, scored_on: date, scores: Mapping[OutcomeScale, int]
) -> list[OutcomeScore]:
    """Scores on the outcome scales at one stage (each within its scale's range); one timeline entry per category."""
    if not scores:
        raise ValidationError({"scores": ValidationError("Score at least one outcome scale", code="required")})
    saved, lines = [], defaultdict(list)
    for scale, score in scores.items():
        if not scale.minimum <= score <= scale.maximum:
            raise ValidationError(
                {
                    scale.slug: ValidationError(
                        f"{scale.name} is scored {scale.minimum} to {scale.maximum}", code="out_of_range"
                    )
                }
            )
        if stage != Stage.REVIEW and OutcomeScore.objects.filter(case=case, scale=scale, stage=stage).exists():
            raise ValidationError(
                {
                    scale.slug: ValidationError(
                        f"{scale.name} already has a {Stage(stage).label.lower()} score", code="duplicate"
                    )
                }
            )
        item = OutcomeScore(case=case, scale=scale, stage=stage, score=score, scored_on=scored_on, recorded_by=by)
        save(item)
        saved.append(item)
        lines[scale.data_category].append(f"{scale.name}: {score} of {scale.maximum}")
    for category, texts in lines.items():
        add_to_timeline(
            case=case,
            by=by,
            kind=EntryKind.OUTCOME,
            summary=f"{Stage(stage).label} outcome scores ({len(texts)})",
            text="\n".join(texts),
            occurred_on=scored_on,
            data_category=category,
        )
    changed(case=case, by=by, change=f"{stage} outcome scores")
    return saved


@transaction.atomic
def add_team_member(*, case: Case, by: Any, organisation: Organisation, role: str) -> TeamMember:
    if organisation.pk == case.owner_id:
        raise ValidationError(
            {"organisation": ValidationError("The owning agency is already responsible for the case", code="duplicate")}
        )
    if TeamMember.objects.filter(case=case, organisation=organisation).exists():
        raise ValidationError(
            {"organisation": ValidationError(f"{organisation} is already in the team", code="duplicate")}
        )
    member = TeamMember(case=case, organisation=organisation, role=role, added_by=by)
    save(member)
    add_to_timeline(case=case, by=by, kind=EntryKind.NOTE, summary=f"{organisation} joined the team: {role}")
    changed(case=case, by=by, change="team member added")
    return member


@transaction.atomic
def set_lead_worker(*, case: Case, by: Any, worker: Any) -> Case:
    case.lead_worker = worker
    save(case)
    add_to_timeline(case=case, by=by, kind=EntryKind.NOTE, summary=f"Lead worker: {name_of(worker)}")
    changed(case=case, by=by, change="lead worker set")
    return case
