"""The road safety audit vocabulary (registered when first imported)."""

from __future__ import annotations

import dataclasses

from crimeplan.audit.events import Event


@dataclasses.dataclass(frozen=True, kw_only=True)
class Stats19Imported(Event):
    """A STATS19 file was imported (or found unchanged) into the store."""

    name = "stats19_imported"
    file: str
    status: str
    rows_read: int
    rows_stored: int
    rows_rejected: int


@dataclasses.dataclass(frozen=True, kw_only=True)
class RoadActionRecorded(Event):
    """Someone recorded a partner's road-safety action in the register."""

    name = "road_action_recorded"
    kind: str
    title: str
