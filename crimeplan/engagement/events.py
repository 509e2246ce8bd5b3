"""The engagement audit vocabulary (registered when first imported)."""

from __future__ import annotations

import dataclasses

from crimeplan.audit.events import Event


@dataclasses.dataclass(frozen=True, kw_only=True)
class MemberSignedUp(Event):
    """Someone signed up for alerts (the member's id; channels waiting for confirmation)."""

    name = "member_signed_up"
    member: int
    channels: list[str]


@dataclasses.dataclass(frozen=True, kw_only=True)
class MemberChanged(Event):
    """A member changed their details, channels, topics or consents from their own page, or confirmed a channel."""

    name = "member_changed"
    member: int
    what: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class MemberErased(Event):
    """A member deleted everything held about them (contact details blanked, consents withdrawn)."""

    name = "member_erased"
    member: int


@dataclasses.dataclass(frozen=True, kw_only=True)
class MembersImported(Event):
    """A members file from another platform was imported."""

    name = "members_imported"
    file: str
    rows_read: int
    rows_imported: int
    rows_rejected: int


@dataclasses.dataclass(frozen=True, kw_only=True)
class MemberDataRead(Event):
    """Staff read members' personal data (a page, a list or an export)."""

    name = "member_data_read"
    what: str
    members: int


@dataclasses.dataclass(frozen=True, kw_only=True)
class AlertQueued(Event):
    """An alert was queued for sending to the members it targets."""

    name = "alert_queued"
    alert: int
    provider: str
    targeted: int


@dataclasses.dataclass(frozen=True, kw_only=True)
class AlertApproved(Event):
    """A second person approved a high-priority alert."""

    name = "alert_approved"
    alert: int


@dataclasses.dataclass(frozen=True, kw_only=True)
class ReplyPassedOn(Event):
    """A member's reply was passed on as intelligence, with their consent."""

    name = "reply_passed_on"
    reply: int
    alert: int
