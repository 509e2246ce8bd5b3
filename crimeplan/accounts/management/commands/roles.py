"""``crimeplan roles``: the declared roles, their permissions, and who holds them."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from crimeplan.accounts.roles import ROLES, assign_roles, role_named, sync_roles


class Command(BaseCommand):
    help = "Roles (groups of named permissions): sync them with the code, list them, or give an account roles."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{sync,list,grant}")
        actions.add_parser("sync", help="create the groups and give each exactly its declared permissions")
        actions.add_parser("list", help="each role, what it does, its permissions and its members")
        grant = actions.add_parser("grant", help="put an account in these roles (and out of any other role)")
        grant.add_argument("username")
        grant.add_argument("roles", nargs="*", help="role names, quoted (none takes every role away)")

    def handle(self, *args: Any, **options: Any) -> None:
        missing = sync_roles()
        if missing:
            raise CommandError(f"permissions not found (run migrate first?): {', '.join(missing)}")
        if options["action"] == "sync":
            self.stdout.write(self.style.SUCCESS(f"{len(ROLES)} roles are in step with the code."))
        elif options["action"] == "list":
            self._list()
        else:
            self._grant(options["username"], options["roles"])

    def _list(self) -> None:
        users = get_user_model().objects
        for role in ROLES:
            members = ", ".join(users.filter(groups__name=role.name).values_list("username", flat=True)) or "nobody"
            self.stdout.write(f"{role.name}: {role.does}")
            self.stdout.write(f"  permissions: {', '.join(role.permissions) or 'none (scoped by assignment)'}")
            self.stdout.write(f"  members: {members}")

    def _grant(self, username: str, names: list[str]) -> None:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No account is called {username!r}")
        try:
            roles = tuple(role_named(name) for name in names)
        except KeyError as exc:
            raise CommandError(str(exc.args[0])) from exc
        assign_roles(user, roles)
        self.stdout.write(self.style.SUCCESS(f"{username}: {', '.join(names) or 'no roles'}"))
