#!/usr/bin/env python
"""Same as the ``crimeplan`` command; kept for tools that expect manage.py."""

from crimeplan.cli import main

if __name__ == "__main__":
    main()
