"""Names of the hotspot methods, mapped to their predictor classes and default parameters.

``make("kde-quartic", grid=grid)`` gives a configured, unfitted predictor;
``resolve("all")`` or ``resolve("naive,prospective")`` the names a person asked for.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from crimeplan.analytics.hotspots.base import HotspotPredictor
from crimeplan.analytics.hotspots.ensemble import StackedEnsemble
from crimeplan.analytics.hotspots.kde import KDE, NaiveCounts
from crimeplan.analytics.hotspots.prospective import ProspectiveHotspot, RetrospectiveHotspot
from crimeplan.analytics.hotspots.sepp import SelfExcitingPointProcess

#: The method every other must beat, and the default when none does.
BASELINE = "naive"


@dataclass(frozen=True)
class Method:
    name: str
    cls: type[HotspotPredictor]
    summary: str
    params: dict[str, Any] = field(default_factory=dict)


METHODS: dict[str, Method] = {}


def register(name: str, cls: type[HotspotPredictor], summary: str, **params: Any) -> None:
    if name in METHODS:
        raise ValueError(f"hotspot method {name!r} is registered twice")
    METHODS[name] = Method(name, cls, summary, params)


register("naive", NaiveCounts, "Events per cell in the training window (the baseline)")
register("kde-quartic", KDE, "Quartic kernel density, 300 m bandwidth", kernel="quartic", bandwidth=300.0)
register("kde-gaussian", KDE, "Gaussian kernel density, 150 m standard deviation", kernel="gaussian", bandwidth=150.0)
register("retrospective", RetrospectiveHotspot, "Inverse distance in cells within 400 m, no time decay")
register("prospective", ProspectiveHotspot, "Inverse distance in cells × inverse age in months (Bowers et al. 2004)")
register("ensemble", StackedEnsemble, "Stacked methods, non-negative weights learned on the window's last month")
register("sepp", SelfExcitingPointProcess, "Self-exciting point process (needs times to the day; not police.uk)")


def make(name: str, **params: Any) -> HotspotPredictor:
    """An unfitted predictor for a registered method, with its defaults overridden by ``params``."""
    if name not in METHODS:
        raise ValueError(f"unknown hotspot method {name!r}; use one of: {', '.join(METHODS)}")
    method = METHODS[name]
    return method.cls(**{**method.params, **params})


def resolve(spec: str) -> list[str]:
    """Method names from ``all`` or a comma-separated list; ``ValueError`` naming the known methods."""
    if spec.strip().lower() == "all":
        return list(METHODS)
    names = [part.strip().lower() for part in spec.split(",") if part.strip()]
    unknown = [name for name in names if name not in METHODS]
    if unknown or not names:
        raise ValueError(
            f"unknown hotspot method(s) {', '.join(unknown) or spec!r}; use 'all' or: {', '.join(METHODS)}"
        )
    return list(dict.fromkeys(names))
