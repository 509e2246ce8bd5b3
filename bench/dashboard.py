"""Benchmark: the dashboard and an area page from the cache, against a static page in the same run.

Loads the shipped Lancashire geography, the plan and the shipped months into a temporary folder
(SQLite, its database cache table and a store), then times requests through Django's test client
(the whole middleware and template stack, no network):

- ``/accessibility/``, a static page: the baseline;
- ``/`` cold (the cache emptied before each request: the plan evaluated from the store) and warm
  (served from the cache); the target is warm within 10 times the static page;
- an area page (Blackpool CSP) cold and warm.

Run with ``make bench`` or ``python -m bench.dashboard``. Needs only the shipped data.
"""

from __future__ import annotations

import io
import shutil
import sys
from functools import partial

from rich.console import Console
from rich.table import Table

from bench._common import django_in, scratch, timed

TARGET = 10.0
AREA = "/areas/E22000151/"


def load() -> None:
    from django.core.management import call_command

    from crimeplan.core.management.commands.demo import shipped_geography, shipped_months

    call_command("geography", "load", *shipped_geography(), verbosity=0)
    call_command("loaddata", "lancashire_plan", verbosity=0)
    call_command("importdata", "police", *shipped_months(), verbosity=0, stdout=io.StringIO())


def get(client: object, path: str) -> None:
    response = client.get(path)  # type: ignore[attr-defined]
    if response.status_code != 200:
        sys.exit(f"{path} answered {response.status_code}")


def main() -> None:
    import os

    os.environ.setdefault("CRIMEPLAN_ALLOWED_HOSTS", "testserver")
    os.environ["DJANGO_SETTINGS_MODULE"] = "crimeplan.settings_test"  # production settings, plain static files
    folder = scratch("dashboard")
    try:
        django_in(folder)
        load()
        measure()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def measure() -> None:
    from django.core.cache import cache
    from django.test import Client

    client = Client()

    def cold(path: str) -> None:
        cache.clear()
        get(client, path)

    get(client, "/accessibility/")
    static, _ = timed(lambda: get(client, "/accessibility/"), repeat=30)
    rows = [("/accessibility/ (static page)", static)]
    for path in ("/", AREA):
        rows.append((f"{path} cold (plan evaluated)", timed(partial(cold, path), repeat=3)[0]))
        get(client, path)
        rows.append((f"{path} warm (from the cache)", timed(partial(get, client, path), repeat=30)[0]))
    table = Table(title="Dashboard and area page against a static page (test client, median)")
    table.add_column("request")
    table.add_column("ms", justify="right")
    table.add_column("× static", justify="right")
    for name, seconds in rows:
        table.add_row(name, f"{seconds * 1000:.1f}", f"{seconds / static:.1f}")
    Console().print(table)
    warm = dict(rows)["/ warm (from the cache)"]
    ratio = warm / static
    verdict = "within" if ratio <= TARGET else "OVER"
    print(f"dashboard warm / static = {ratio:.1f}× ({verdict} the {TARGET:g}× target)")


if __name__ == "__main__":
    main()
