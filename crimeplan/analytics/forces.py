"""Police forces as data.police.uk names them, and their ONS Police Force Areas.

The force list (slug and name) is the data.police.uk ``/api/forces`` list as
kept by the ``datasets/crime-uk`` repository, plus the Police Service of
Northern Ireland (see ``data/PROVENANCE.md``). Names are compared after
normalising, because police.uk writes "Avon and Somerset Constabulary" in its
CSVs where the list says "Avon & Somerset Constabulary".
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

_SUFFIXES = re.compile(r"\b(police service|constabulary|police|service)\b")


@dataclass(frozen=True)
class Force:
    """A data.police.uk force: its URL slug and its published name."""

    slug: str
    name: str

    @property
    def place(self) -> str:
        """The name without "Police", "Constabulary" or "Police Service": "Lancashire", "City of London"."""
        return re.sub(r"\s+(Police Service|Constabulary|Police)$", "", self.name).strip()

    @property
    def area_name(self) -> str:
        """The name with "Police"/"Constabulary" removed, comparable with ONS PFA names."""
        return normalise_name(self.name, drop_suffixes=True)


def normalise_name(name: str, *, drop_suffixes: bool = False) -> str:
    """Lower case, '&' as 'and', punctuation as single spaces."""
    text = name.lower().replace("&", " and ")
    if drop_suffixes:
        text = _SUFFIXES.sub(" ", text)
        text = re.sub(r"^london,? city of$", "city of london", text.strip())
        text = re.sub(r"^of ", "", " ".join(text.split()))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


@cache
def all_forces() -> dict[str, Force]:
    """Every known force by slug."""
    text = resources.files("crimeplan.analytics").joinpath("resources/police_forces.csv")
    with text.open(encoding="utf-8") as handle:
        return {row["slug"]: Force(row["slug"], row["name"]) for row in csv.DictReader(handle)}


def get_force(slug: str) -> Force:
    """The force with this slug; ``ValueError`` naming the known slugs otherwise."""
    forces = all_forces()
    if slug not in forces:
        raise ValueError(f"unknown force {slug!r}; known forces: {', '.join(sorted(forces))}")
    return forces[slug]


def same_force_name(published: str, force: Force) -> bool:
    """Whether a CSV's "Falls within" value names this force."""
    return normalise_name(published) == normalise_name(force.name)


def match_pfa(force: Force, pfa_names: dict[str, str]) -> str | None:
    """The ONS PFA code whose name matches the force, from ``{code: name}``."""
    wanted = force.area_name
    for code, name in pfa_names.items():
        if normalise_name(name, drop_suffixes=True) == wanted:
            return code
    return None
