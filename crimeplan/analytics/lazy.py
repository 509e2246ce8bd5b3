"""Heavy libraries imported on first use, so that importing a module stays cheap.

Loading the URL configuration imports most of ``crimeplan.analytics`` for its
names and types; importing Polars, SciPy or scikit-learn there would cost every
command and every server start seconds before any work is done. A module that
needs one of them at run time writes::

    if TYPE_CHECKING:
        import polars as pl
    else:
        pl = lazy_module("polars")

and the library is imported the first time an attribute of ``pl`` is used.
Unlike :class:`importlib.util.LazyLoader`, nothing is put into ``sys.modules``
until then.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any, Final


class LazyModule:
    """A stand-in for a module that imports it on first attribute access."""

    __slots__ = ("_module", "_name")

    def __init__(self, name: str) -> None:
        self._name = name
        self._module: ModuleType | None = None

    def __getattr__(self, attribute: str) -> Any:
        module = self._module
        if module is None:
            module = self._module = importlib.import_module(self._name)
        return getattr(module, attribute)

    def __repr__(self) -> str:
        state = "imported" if self._module is not None else "not yet imported"
        return f"<lazy module {self._name!r} ({state})>"


#: The engine every lazy Polars frame in crimeplan is collected on (``collect(engine=POLARS_ENGINE)``).
#: Polars 2 picks its streaming engine by default. For crimeplan's frames, at most one import
#: batch (100,000 rows), the in-memory engine does the same work for less CPU, and it returns
#: whole columns where the streaming one returns many small chunks that make the next step
#: (splitting by file, writing Parquet) slower: on the shipped and shared months it took the
#: import's attribution from 0.30 to 0.15 CPU-s and splitting by file from 0.15 to 0.01
#: (``docs/benchmarks.md``).
POLARS_ENGINE: Final = "in-memory"


def lazy_module(name: str) -> Any:
    """A module imported when first used (typed ``Any``; import it under ``TYPE_CHECKING`` for types)."""
    return LazyModule(name)
