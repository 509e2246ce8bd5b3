"""The ``crimeplan`` command: Django's ``manage.py`` plus crimeplan's own subcommands.

``crimeplan migrate`` and ``crimeplan runserver`` work as with manage.py;
crimeplan's commands (``geography``, ``import``, ``query``, ``demo``) are
management commands too, so ``crimeplan help`` lists them all.
"""

from __future__ import annotations

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
    from django.core.management import execute_from_command_line

    execute_from_command_line(args)


if __name__ == "__main__":
    main()
