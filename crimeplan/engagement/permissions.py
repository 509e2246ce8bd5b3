"""Engagement permissions: sign-up, confirmation, the member's own page and replies are public (by token);
staff pages need these named permissions."""

from __future__ import annotations

MANAGE_MEMBERS = "engagement.manage_members"
COMPOSE_ALERTS = "engagement.compose_alerts"
APPROVE_ALERTS = "engagement.approve_alerts"
