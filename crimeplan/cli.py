"""The ``crimeplan`` command: Django's ``manage.py`` plus crimeplan's own subcommands.

``crimeplan migrate`` and ``crimeplan runserver`` work as with manage.py;
crimeplan's commands (``geography``, ``import``, ``query``, ``demo``) are
management commands too, so ``crimeplan help`` lists them all.
"""

from __future__ import annotations

import gc
import os
import sys

#: Command-line names that are Python keywords, mapped to their module names.
ALIASES = {"import": "importdata"}


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crimeplan.settings")
    args = list(sys.argv if argv is None else argv)
    args[0] = "crimeplan"
    if len(args) > 1 and args[1] in ALIASES:
        args[1] = ALIASES[args[1]]
    if len(args) > 2 and args[1] == "help" and args[2] in ALIASES:
        args[2] = ALIASES[args[2]]
    if len(args) < 2 or args[1] != "runserver":
        _load_apps()
    from django.core.management import execute_from_command_line

    execute_from_command_line(args)


def _load_apps() -> None:
    """Import the settings and populate the app registry with the cyclic garbage collector paused.

    Start-up makes about 120,000 long-lived objects (modules, classes, models) and little garbage
    (about 6,000 objects in cycles); with the collector on, its collections walk them again and
    again (about 0.15 s of the 1.2 s a ``crimeplan query`` took). They are frozen (never walked
    again; that small garbage stays) and the collector is on again before the command runs.
    ``execute_from_command_line`` then does the rest of ``django.setup()`` (logging is configured
    after the apps are loaded) and reports a settings error as it always does; ``runserver`` (whose
    reloader sets Django up itself) is left to it entirely.
    """
    from django.apps import apps
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    gc.disable()
    try:
        try:
            installed = settings.INSTALLED_APPS
        except (ImproperlyConfigured, ImportError):
            return  # Django reports it
        apps.populate(installed)
    finally:
        gc.freeze()
        gc.enable()


if __name__ == "__main__":
    main()
