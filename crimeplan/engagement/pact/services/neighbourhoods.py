"""Define PACT neighbourhoods and their meetings."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from crimeplan.audit.services import record_event
from crimeplan.core.permissions import check
from crimeplan.engagement.pact.constants import MeetingKind, MeetingStatus
from crimeplan.engagement.pact.events import PactMeetingRecorded, PactNeighbourhoodSaved
from crimeplan.engagement.pact.models import Meeting, Neighbourhood
from crimeplan.engagement.pact.permissions import RUN
from crimeplan.geography.selectors import area_names, lsoa_codes_in


def _areas(ward_codes: list[str], lsoa_codes: list[str]) -> list[str]:
    known = area_names([*ward_codes, *lsoa_codes])
    unknown_wards = sorted(c for c in set(ward_codes) if c not in known or not c.startswith("E05"))
    if unknown_wards:
        raise ValidationError(
            f"These ward codes are not loaded: {', '.join(unknown_wards)}. Use ONS 2019 ward codes (E05…).",
            code="unknown_ward",
        )
    unknown_lsoas = sorted(c for c in set(lsoa_codes) if c not in known or not c.startswith("E01"))
    if unknown_lsoas:
        raise ValidationError(
            f"These LSOA codes are not loaded: {', '.join(unknown_lsoas)}. Use ONS 2011 LSOA codes (E01…).",
            code="unknown_lsoa",
        )
    codes = sorted({code for ward in ward_codes for code in lsoa_codes_in(ward=ward)} | set(lsoa_codes))
    if not codes:
        raise ValidationError("Give at least one ward or LSOA that the neighbourhood covers.", code="no_area")
    return codes


@transaction.atomic
def save_neighbourhood(
    *,
    user: Any,
    name: str,
    slug: str,
    ward_codes: list[str],
    lsoa_codes: list[str] | None = None,
    description: str = "",
    team_email: str = "",
    is_example: bool = False,
) -> Neighbourhood:
    """Create or change a neighbourhood: its LSOAs are the wards' LSOAs plus any named directly."""
    if user is not None:
        check(user, RUN)
    neighbourhood = Neighbourhood.objects.filter(slug=slug).first() or Neighbourhood(slug=slug)
    neighbourhood.name = name
    neighbourhood.description = description
    neighbourhood.team_email = team_email
    neighbourhood.is_example = is_example
    neighbourhood.ward_codes = sorted(set(ward_codes))
    neighbourhood.lsoa_codes = _areas(ward_codes, list(lsoa_codes or []))
    neighbourhood.full_clean()
    neighbourhood.save()
    record_event(
        PactNeighbourhoodSaved(neighbourhood=slug, lsoas=len(neighbourhood.lsoa_codes)), actor=user, obj=neighbourhood
    )
    return neighbourhood


def _check_where(kind: str, place: str, link: str) -> None:
    if kind in (MeetingKind.IN_PERSON, MeetingKind.HYBRID) and not place.strip():
        raise ValidationError({"place": ValidationError("Enter where the meeting is held.", code="place_needed")})
    if kind in (MeetingKind.ONLINE, MeetingKind.HYBRID) and not link.strip():
        message = "Enter the link to join the meeting online."
        raise ValidationError({"link": ValidationError(message, code="link_needed")})


@transaction.atomic
def schedule_meeting(
    *,
    user: Any,
    neighbourhood: Neighbourhood,
    kind: str,
    starts_at: dt.datetime,
    place: str = "",
    link: str = "",
    agenda: str = "",
) -> Meeting:
    """Schedule a meeting: in person needs a place, online a link, hybrid both."""
    if user is not None:
        check(user, RUN)
    _check_where(kind, place, link)
    meeting = Meeting(
        neighbourhood=neighbourhood, kind=kind, starts_at=starts_at, place=place, link=link, agenda=agenda
    )
    meeting.full_clean()
    meeting.save()
    record_event(PactMeetingRecorded(meeting=meeting.pk, status=meeting.status), actor=user, obj=meeting)
    return meeting


@transaction.atomic
def cancel_meeting(*, user: Any, meeting: Meeting, reason: str) -> Meeting:
    """Call a scheduled meeting off, saying why (the public page shows it); a held one stays held."""
    if user is not None:
        check(user, RUN)
    reason = reason.strip()
    if not reason:
        message = "Say why the meeting is cancelled, for example the hall is closed: residents will read it"
        raise ValidationError({"reason": ValidationError(message, code="required")})
    if meeting.status != MeetingStatus.SCHEDULED:
        already = "It is already cancelled" if meeting.status == MeetingStatus.CANCELLED else "It was held"
        raise ValidationError(f"{already}: only a scheduled meeting can be cancelled.", code=meeting.status)
    meeting.status = MeetingStatus.CANCELLED
    meeting.cancel_reason = reason
    meeting.full_clean()
    meeting.save()
    record_event(PactMeetingRecorded(meeting=meeting.pk, status=meeting.status), actor=user, obj=meeting)
    return meeting


@transaction.atomic
def record_minutes(*, user: Any, meeting: Meeting, minutes: str, attendees: int | None = None) -> Meeting:
    """Publish a meeting's minutes: the meeting is then held (and counts for the plan)."""
    if user is not None:
        check(user, RUN)
    if not minutes.strip():
        raise ValidationError({"minutes": ValidationError("Enter the minutes of the meeting.", code="no_minutes")})
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError("A cancelled meeting has no minutes.", code="cancelled")
    meeting.minutes = minutes
    meeting.attendees = attendees
    meeting.status = MeetingStatus.HELD
    meeting.full_clean()
    meeting.save()
    record_event(PactMeetingRecorded(meeting=meeting.pk, status=meeting.status), actor=user, obj=meeting)
    return meeting
