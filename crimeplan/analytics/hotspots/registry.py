"""Names of the hotspot methods, mapped to their predictor classes and default parameters.

``make("kde-quartic", grid=grid)`` gives a configured, unfitted predictor;
``resolve("all")`` or ``resolve("naive,prospective")`` the names a person asked for.

The registry names each class by its module, and imports it only when a
predictor is made: the predictors need scikit-learn and SciPy, which the pages
that merely list the methods should not pay for.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from crimeplan.analytics.hotspots.base import HotspotPredictor

#: The method every other must beat, and the default when none does.
BASELINE = "naive"


@dataclass(frozen=True)
class Method:
    name: str
    path: str  # "module:Class"
    summary: str
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def cls(self) -> type[HotspotPredictor]:
        """The predictor class (imported now)."""
        module, name = self.path.split(":")
        cls: type[HotspotPredictor] = getattr(importlib.import_module(module), name)
        return cls


METHODS: dict[str, Method] = {}


def register(name: str, path: str, summary: str, **params: Any) -> None:
    """Register a method by its class's ``"module:Class"`` path (``.kde:KDE`` is in this package)."""
    if name in METHODS:
        raise ValueError(f"hotspot method {name!r} is registered twice")
    if path.startswith("."):
        path = __name__.rsplit(".", 1)[0] + path
    METHODS[name] = Method(name, path, summary, params)


register("naive", ".kde:NaiveCounts", "Events per cell in the training window (the baseline)")
register("kde-quartic", ".kde:KDE", "Quartic kernel density, 300 m bandwidth", kernel="quartic", bandwidth=300.0)
register(
    "kde-gaussian", ".kde:KDE", "Gaussian kernel density, 150 m standard deviation", kernel="gaussian", bandwidth=150.0
)
register("retrospective", ".prospective:RetrospectiveHotspot", "Inverse distance in cells within 400 m, no time decay")
register(
    "prospective",
    ".prospective:ProspectiveHotspot",
    "Inverse distance in cells × inverse age in months (Bowers et al. 2004)",
)
register(
    "resnap",
    ".resnap:ResnappedCounts",
    "Naive counts of the history moved to the latest month's map points (within 150 m)",
)
register(
    "learned",
    ".learned:LearnedRanking",
    "Gradient-boosted trees over cell features, trained on rolling origins in the window",
)
register(
    "ensemble", ".ensemble:StackedEnsemble", "Stacked methods, non-negative weights learned on the window's last month"
)
register(
    "sepp", ".sepp:SelfExcitingPointProcess", "Self-exciting point process (needs times to the day; not police.uk)"
)


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
