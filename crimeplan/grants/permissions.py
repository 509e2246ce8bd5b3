"""Who may do what with grants. Staff with ``grants.manage_grants`` see everything; an assessor sees
only the rounds they are assigned to; ``grants.decide_grants`` records panel decisions. Applicants
have no account: they reach their own applications through the emailed link (``access.py``)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from crimeplan.grants.models import Application, Round

MANAGE = "grants.manage_grants"
DECIDE = "grants.decide_grants"


def can_manage(user: Any) -> bool:
    return bool(user.is_authenticated and user.has_perm(MANAGE))


def can_decide(user: Any) -> bool:
    return bool(user.is_authenticated and (user.has_perm(DECIDE) or user.has_perm(MANAGE)))


def is_assessor(user: Any, round_: Round) -> bool:
    return bool(user.is_authenticated and round_.assessors.filter(pk=user.pk).exists())


def can_see_round(user: Any, round_: Round) -> bool:
    return can_manage(user) or can_decide(user) or is_assessor(user, round_)


def require_manage(user: Any) -> None:
    if not can_manage(user):
        raise PermissionDenied("Only grants managers can do this.")


def require_decide(user: Any) -> None:
    if not can_decide(user):
        raise PermissionDenied("Only panel members can record decisions.")


def require_round(user: Any, round_: Round) -> None:
    if not can_see_round(user, round_):
        raise PermissionDenied("You are not assigned to assess this round.")


def require_assessor(user: Any, application: Application) -> None:
    if not is_assessor(user, application.round):
        raise PermissionDenied("You are not assigned to assess this round.")
