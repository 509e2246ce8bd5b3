"""Accounts for the register's tests: permissions of the ``ocg`` app and need-to-know teams."""

from __future__ import annotations

import re
from typing import Any

from django.contrib.auth.models import Group, Permission

ROLES = {
    "no-permission": [],
    "reader": ["view_register"],
    "sensitive-reader": ["view_register", "view_sensitive"],
    "manager": ["view_register", "manage_register"],
    "sensitive-manager": ["view_register", "view_sensitive", "manage_register"],
}


def account(django_user_model: Any, role: str, teams: tuple[str, ...] = ()) -> Any:
    user = django_user_model.objects.create_user(username=f"{role}-{'-'.join(teams)}", password="x")
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="ocg", codename__in=ROLES[role]))
    for team in teams:
        user.groups.add(Group.objects.get_or_create(name=team)[0])
    return user


def page(response: Any) -> str:
    """The page without its per-request token."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())
