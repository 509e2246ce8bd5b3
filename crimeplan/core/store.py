"""The store layer: the one crime store of the process, its version, harm weights per force, and caches.

Every app reads police data through this module; nothing else constructs a ``Store`` or loads harm
weights. The store version (``store_version()``) changes whenever an import swaps a partition or a
reference table in, in this process or any other, so a cache keyed by it never serves figures from
before an import:

- ``per_version`` keeps a function's results in this process's memory (for values that are large
  or not picklable, such as grids), dropped when the version changes;
- ``shared`` keeps a picklable value in Django's cache (a database table by default, shared by
  every server process), keyed by the version and the caller's key.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable, Hashable
from functools import lru_cache, wraps
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from django.conf import settings
from django.core.cache import cache

from crimeplan.analytics import trends
from crimeplan.analytics.forces import get_force
from crimeplan.analytics.harm import HarmWeights, load_weights
from crimeplan.analytics.store import Store
from crimeplan.analytics.vocabulary import Kind

P = ParamSpec("P")
T = TypeVar("T")
#: How long a shared entry lives even when nothing changed (a day); versions make it stale sooner.
SHARED_TIMEOUT_S = 24 * 3600


@lru_cache(maxsize=8)
def _store(root: Path, timeout_s: float) -> Store:
    return Store(root, timeout_s=timeout_s)


def open_store(root: Path, *, timeout_s: float | None = None) -> Store:
    """The store in ``root`` (another folder than the settings' one, such as a test's), one per process."""
    return _store(Path(root).resolve(), float(settings.QUERY_TIMEOUT_S if timeout_s is None else timeout_s))


def get_store() -> Store:
    """The store for the current settings, one per process (so its DuckDB views are built once)."""
    return _store(Path(settings.STORE_DIR), float(settings.QUERY_TIMEOUT_S))


def store_version() -> str:
    """A token of the store's contents: it changes whenever a partition or reference table is written."""
    store = get_store()
    return f"{store.root}:{store.version()}"


@lru_cache(maxsize=64)
def _weights(folder: Path, stamp: float, force: str) -> HarmWeights:
    return load_weights(folder, get_force(force))


def harm_weights(force: str) -> HarmWeights:
    """The force's CCHI weights (its own where published, else national), read once per change of the files."""
    folder = Path(settings.HARM_WEIGHTS_DIR)
    stamp = max((p.stat().st_mtime for p in folder.glob("*.csv")), default=0.0)
    return _weights(folder, stamp, force)


def per_version(maxsize: int = 8) -> Callable[[Callable[P, T]], Callable[P, T]]:
    """Keep ``maxsize`` results of a function in memory, for the current store version only."""

    def decorate(func: Callable[P, T]) -> Callable[P, T]:
        @lru_cache(maxsize=maxsize)
        def kept(version: str, args: tuple[Any, ...], kwargs: tuple[tuple[str, Any], ...]) -> T:
            return func(*args, **dict(kwargs))

        @wraps(func)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
            return kept(store_version(), args, tuple(sorted(kwargs.items())))

        wrapper.cache_clear = kept.cache_clear  # type: ignore[attr-defined]
        return wrapper

    return decorate


@lru_cache(maxsize=1)
def code_version() -> str:
    """A fingerprint of crimeplan's source files: a new release never reads what an older one cached."""
    package = Path(__file__).resolve().parent.parent
    stats = sorted((str(p.relative_to(package)), p.stat().st_size, p.stat().st_mtime_ns) for p in package.rglob("*.py"))
    return hashlib.sha256(repr(stats).encode()).hexdigest()[:12]


def cache_key(name: str, *parts: Hashable) -> str:
    """A cache key for ``name`` and its parts (hashed: the database cache limits keys to 250 characters)."""
    digest = hashlib.sha256(repr((code_version(), parts)).encode()).hexdigest()[:32]
    return f"crimeplan:{name}:{digest}"


def shared(name: str, parts: tuple[Hashable, ...], compute: Callable[[], T]) -> T:
    """``compute()`` once per store version and ``parts``, kept in Django's cache for every process.

    An entry that cannot be read back (written by other code) counts as missing.
    """
    key = cache_key(name, store_version(), *parts)
    try:
        found = cache.get(key)
    except (ImportError, AttributeError, pickle.UnpicklingError):
        found = None
    if found is None:
        found = compute()
        cache.set(key, found, SHARED_TIMEOUT_S)
    return found  # type: ignore[no-any-return]


@per_version(maxsize=64)
def _months_held(force: str) -> tuple[str, ...]:
    return tuple(trends.months_held(get_store(), force))


def months_held(force: str) -> list[str]:
    """Months of street-level records the store holds for the force (read once per store version)."""
    return list(_months_held(force))


@per_version(maxsize=256)
def find_area(code: str) -> trends.Area:
    """A force (police.uk id) or a CSP, local authority, ward or LSOA (ONS code); ``ValueError`` if unknown."""
    return trends.find_area(get_store(), code)


@per_version(maxsize=64)
def force_area(force: str) -> trends.Area:
    """The whole area of a police.uk force; ``ValueError`` if the reference geography lacks it."""
    return trends.force_area(get_store(), force)


@per_version(maxsize=64)
def _areas_in_force(force: str) -> tuple[trends.Area, ...]:
    return tuple(trends.areas_in_force(get_store(), force))


def areas_in_force(force: str) -> list[trends.Area]:
    """Every CSP, local authority and ward of a force's area."""
    return list(_areas_in_force(force))


def fragment_key(*parts: Hashable) -> str:
    """A key for a page fragment cached with ``{% cache SHARED_TIMEOUT_S name key %}``: versions and parts."""
    return hashlib.sha256(repr((code_version(), store_version(), *parts)).encode()).hexdigest()[:32]


def fragment_cached(name: str, key: str) -> bool:
    """Whether the template fragment ``name`` is already cached under ``key`` (so its figures need no work)."""
    from django.core.cache.utils import make_template_fragment_key

    return cache.get(make_template_fragment_key(name, [key])) is not None


@per_version(maxsize=4)
def _forces_loaded(kind: Kind) -> tuple[tuple[str, tuple[str, ...]], ...]:
    held: dict[str, list[str]] = {}
    for part in get_store().partitions(kind):
        held.setdefault(part.force, []).append(part.month)
    return tuple((force, tuple(sorted(months))) for force, months in sorted(held.items()))


def forces_loaded(kind: Kind = Kind.STREET) -> dict[str, list[str]]:
    """Force slug -> sorted months held in the store for that kind (read once per store version)."""
    return {force: list(months) for force, months in _forces_loaded(kind)}


@per_version(maxsize=16)
def _places_in_force(force: str) -> tuple[trends.Place, ...]:
    return tuple(trends.places_in_force(get_store(), force))


def places_in_force(force: str) -> dict[str, trends.Place]:
    """Code -> place (ward, local authority, CSP, LSOA) with its parent, for one force (once per store version)."""
    return {p.code: p for p in _places_in_force(force)}


#: How a parent is named in breadcrumbs, where a council and its partnership often share a name.
LINEAGE_LABELS = {"lad": "{} (council)", "csp": "{} (partnership)"}


def lineage(area: trends.Area) -> list[tuple[str, str]]:
    """(code, label) of the areas an area lies in, nearest first: ward -> council -> CSP -> force."""
    places = places_in_force(area.force)
    found: list[tuple[str, str]] = []
    code = area.code
    while code in places and places[code].parent_code:
        parent = places[code].parent_code or ""
        if parent == area.force:
            break
        if parent in places:
            found.append((parent, LINEAGE_LABELS.get(places[parent].level, "{}").format(places[parent].name)))
        else:
            found.append((parent, places[code].parent_name or parent))
        code = parent
    found.append((area.force, force_area(area.force).name))
    return found if area.level != "force" else []
