"""The audit vocabulary: every kind of event crimeplan records, one dataclass each.

An event's fields are what is stored in the audit record's ``data``; its
docstring says when it is recorded. Declaring a subclass of ``Event`` registers
it in ``EVENTS``. The platform's events are here; an app with its own
vocabulary declares it in its ``events`` module (``crimeplan.grants.events``,
``crimeplan.cases.events``), imported by the code that records its events, not at
start-up (a command that records none does not build ~100 dataclasses). ``EVENTS``
holds the events imported so far; :func:`registered` imports every app's module and
returns them all (``crimeplan check`` runs it, so a name declared twice is caught).
``docs/audit.md`` lists every event (a test checks that none is missing).
"""

from __future__ import annotations

import dataclasses
import importlib
import importlib.util
from typing import Any, ClassVar

EVENTS: dict[str, type[Event]] = {}


def registered() -> dict[str, type[Event]]:
    """Every audit event: the platform's and those of each installed app's ``events`` module."""
    from django.apps import apps

    for config in apps.get_app_configs():
        module = f"{config.name}.events"
        if config.name.startswith("crimeplan.") and importlib.util.find_spec(module) is not None:
            importlib.import_module(module)
    return EVENTS


@dataclasses.dataclass(frozen=True, kw_only=True)
class Event:
    name: ClassVar[str]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.name in EVENTS:
            raise ValueError(f"audit event {cls.name!r} is declared twice")
        EVENTS[cls.name] = cls

    def data(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclasses.dataclass(frozen=True, kw_only=True)
class SignedIn(Event):
    """A user signed in."""

    name = "signed_in"


@dataclasses.dataclass(frozen=True, kw_only=True)
class SignedOut(Event):
    """A user signed out."""

    name = "signed_out"


@dataclasses.dataclass(frozen=True, kw_only=True)
class SignInFailed(Event):
    """Someone tried to sign in with a wrong username or password."""

    name = "sign_in_failed"
    username: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class GeographyLoaded(Event):
    """Reference geography files were loaded into the database and the store."""

    name = "geography_loaded"
    files: list[str]
    lsoas: int
    boundaries: int


@dataclasses.dataclass(frozen=True, kw_only=True)
class ImportStored(Event):
    """A police.uk file was imported and replaced its force-month in the store."""

    name = "import_stored"
    file: str
    kind: str
    force: str
    month: str
    rows_read: int
    rows_stored: int
    rows_rejected: int


@dataclasses.dataclass(frozen=True, kw_only=True)
class ImportFailed(Event):
    """A police.uk file could not be read at all; the store kept what it had."""

    name = "import_failed"
    file: str
    reason: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class StoreQueried(Event):
    """An analyst ran their own SQL against the crime store."""

    name = "store_queried"
    sql: str
    rows: int
    truncated: bool


@dataclasses.dataclass(frozen=True, kw_only=True)
class DataExported(Event):
    """Data left crimeplan as a file or an API response meant for download."""

    name = "data_exported"
    what: str
    format: str
    rows: int


@dataclasses.dataclass(frozen=True, kw_only=True)
class FigureEntered(Event):
    """Staff entered (or replaced) a figure for a plan measure."""

    name = "figure_entered"
    measure: str
    first_month: str
    last_month: str
    value: str
    previous: str | None
    source: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class HotspotEvaluationRecorded(Event):
    """A rolling-origin evaluation of hotspot methods was run and its scores saved."""

    name = "hotspot_evaluation_recorded"
    run: int
    force: str
    crime_type: str
    test_months: list[str]
    methods: list[str]
    chosen_method: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class AdminRecordViewed(Event):
    """Staff opened a record holding personal data in the admin (its change or history page)."""

    name = "admin_record_viewed"
    model: str
    page: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class AdminListViewed(Event):
    """Staff read an admin list of records holding personal data."""

    name = "admin_list_viewed"
    model: str
