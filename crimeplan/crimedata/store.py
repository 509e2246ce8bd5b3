"""Moved to :mod:`crimeplan.core.store` (the store layer); kept so older imports still work."""

from crimeplan.core.store import get_store

__all__ = ["get_store"]
