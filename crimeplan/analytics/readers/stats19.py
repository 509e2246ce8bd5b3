"""Department for Transport STATS19 road collision tables: read, rename, decode, validate.

DfT publishes three tables — collision (called "accident" before the 2024 release), casualty
and vehicle — as ``dft-road-casualty-statistics-{collision,casualty,vehicle}-YYYY.csv``, national
or cut to one force, for any year from 1979. Older releases name the same columns differently
(``accident_index``, ``Accident_Severity``, ``1st_Road_Class``, ``Local_Authority_(District)``…)
and some re-publications replace codes with their labels ("Slight", "Lincolnshire"). The reader:

* recognises the table from its columns, and renames every known column to the current DfT name
  (``RENAMES``); columns it does not know are reported, not fatal;
* turns labels back into codes with DfT's 2024 code list (``stats19_code_list_2024.csv``,
  from the 2024 data guide, sheet ``2024_code_list``);
* validates rows with the rule registry of ``crimeplan.analytics.readers.rules`` (the same
  ``Check`` and first-broken-rule split as police.uk), keeping each rejected row's line, rule,
  value and message.

Columns are read as strings; typing to the stored schema happens after validation.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from crimeplan.analytics.forces import all_forces, normalise_name
from crimeplan.analytics.lazy import lazy_module

if TYPE_CHECKING:
    import polars as pl
else:
    pl = lazy_module("polars")

TABLES = ("collisions", "casualties", "vehicles")
#: The code-list table name for each stored table.
GUIDE_TABLE = {"collisions": "collision", "casualties": "casualty", "vehicles": "vehicle"}
#: Old column names (normalised: lower case, runs of other characters as "_") to current ones.
RENAMES: dict[str, str] = {
    "accident_index": "collision_index",
    "accident_year": "collision_year",
    "accident_reference": "collision_ref_no",
    "accident_ref_no": "collision_ref_no",
    "collision_reference": "collision_ref_no",
    "accident_severity": "collision_severity",
    "1st_road_class": "first_road_class",
    "1st_road_number": "first_road_number",
    "2nd_road_class": "second_road_class",
    "2nd_road_number": "second_road_number",
    "lsoa_of_collision_location": "lsoa_of_accident_location",
    "did_police_officer_attend_scene_of_collision": "did_police_officer_attend_scene_of_accident",
    "engine_capacity": "engine_capacity_cc",
    "was_vehicle_left_hand_drive": "vehicle_left_hand_drive",
    "enhanced_collision_severity": "enhanced_severity_collision",
    "casualty_adjusted_serious": "casualty_adjusted_severity_serious",
    "casualty_adjusted_slight": "casualty_adjusted_severity_slight",
    "collision_adjusted_serious": "collision_adjusted_severity_serious",
    "collision_adjusted_slight": "collision_adjusted_severity_slight",
}
#: Before 2024 these columns held the old coding, which the current release keeps as ``*_historic``.
HISTORIC = (
    "junction_detail",
    "pedestrian_crossing_human_control",
    "pedestrian_crossing_physical_facilities",
    "carriageway_hazards",
    "vehicle_manoeuvre",
    "vehicle_location_restricted_lane",
    "journey_purpose_of_driver",
)
#: Coded columns whose values the ``code_known`` rule checks against DfT's code list.
CHECKED_CODES: dict[str, tuple[str, ...]] = {
    "collisions": (
        "police_force",
        "collision_severity",
        "first_road_class",
        "road_type",
        "light_conditions",
        "weather_conditions",
        "road_surface_conditions",
        "urban_or_rural_area",
    ),
    "casualties": ("casualty_class", "sex_of_casualty", "age_band_of_casualty", "casualty_severity", "casualty_type"),
    "vehicles": ("vehicle_type", "sex_of_driver", "age_band_of_driver"),
}
_NON_WORD = re.compile(r"[^a-z0-9]+")


class UnreadableStats19(ValueError):
    """A file that is not one of DfT's three STATS19 tables."""


def normalise_column(name: str) -> str:
    """``Local_Authority_(District)`` -> ``local_authority_district``."""
    return _NON_WORD.sub("_", name.strip().lstrip("\ufeff").lower()).strip("_")


@cache
def code_list() -> pl.DataFrame:
    """DfT's 2024 code list: ``table, column, code, label`` (coded fields only), columns renamed to the CSVs'."""
    path = resources.files("crimeplan.analytics").joinpath("resources/stats19_code_list_2024.csv")
    with path.open(encoding="utf-8") as handle:
        rows = [
            (r["table"], RENAMES.get(r["field name"], r["field name"]), r["code/format"], r["label"])
            for r in csv.DictReader(handle)
            if r["label"] and r["code/format"] and r["table"] in GUIDE_TABLE.values()
        ]
    return pl.DataFrame(rows, schema=["table", "column", "code", "label"], orient="row")


@cache
def known_columns(table: str) -> frozenset[str]:
    """Current DfT column names of a table (the stored columns)."""
    from crimeplan.analytics.schemas import STATS19_SCHEMAS

    return frozenset(STATS19_SCHEMAS[table])


@cache
def codes_for(table: str) -> dict[str, dict[str, str]]:
    """``{column: {code: label}}`` for one stored table."""
    frame = code_list().filter(pl.col("table") == GUIDE_TABLE[table])
    out: dict[str, dict[str, str]] = {}
    for column, code, label in frame.select("column", "code", "label").iter_rows():
        out.setdefault(column, {})[code] = label
    return out


def force_slug(label: str) -> str:
    """The police.uk slug of a DfT force label ("West Yorkshire" -> "west-yorkshire").

    Forces police.uk does not list (Scotland's) get the label as a slug.
    """
    wanted = normalise_name(label, drop_suffixes=True)
    for force in all_forces().values():
        if force.area_name == wanted:
            return force.slug
    return wanted.replace(" ", "-")


@cache
def force_slugs() -> dict[str, str]:
    """``{DfT police_force code: police.uk slug}``."""
    return {code: force_slug(label) for code, label in codes_for("collisions")["police_force"].items()}


def detect_table(columns: list[str], name: str = "") -> str:
    """Which table a file holds, from its (renamed) columns, else its name."""
    if "casualty_reference" in columns or "casualty_severity" in columns:
        return "casualties"
    if "vehicle_type" in columns and "collision_severity" not in columns:
        return "vehicles"
    if "collision_severity" in columns or "police_force" in columns:
        return "collisions"
    for word, table in (("casualt", "casualties"), ("vehicle", "vehicles"), ("accident", "collisions")):
        if word in name.lower():
            return table
    raise UnreadableStats19(f"{name}: the columns are not those of a STATS19 collision, casualty or vehicle table")


def rename(columns: list[str]) -> tuple[list[str], list[str]]:
    """Current names for a header, and the columns no current name was found for."""
    normal = [normalise_column(c) for c in columns]
    old_era = "accident_index" in normal and "collision_index" not in normal
    renamed = []
    for column in normal:
        if old_era and column in HISTORIC:
            column = f"{column}_historic"
        renamed.append(RENAMES.get(column, column))
    table = detect_table(renamed)
    known = known_columns(table)
    unknown = [orig for orig, new in zip(columns, renamed, strict=True) if new not in known]
    return renamed, unknown


@dataclass
class Stats19File:
    """One file read as strings, with current column names and the source line of each row."""

    name: str
    sha256: str
    table: str
    frame: pl.DataFrame
    unknown_columns: list[str] = field(default_factory=list)
    labels_decoded: dict[str, int] = field(default_factory=dict)

    @property
    def rows_read(self) -> int:
        return self.frame.height


def read_file(path: str | Path) -> Stats19File:
    """Read one DfT CSV (plain or .gz) into strings with current names and codes."""
    import hashlib

    raw = Path(path).read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    text = gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw
    return parse(text, Path(path).name, digest)


def parse(text: bytes, name: str, digest: str = "") -> Stats19File:
    header = text.split(b"\n", 1)[0].decode("utf-8-sig").strip()
    if not header:
        raise UnreadableStats19(f"{name}: the file is empty")
    columns = next(csv.reader([header]))
    try:
        renamed, unknown = rename(columns)
    except UnreadableStats19 as exc:
        raise UnreadableStats19(f"{name}: {exc}") from exc
    table = detect_table(renamed, name)
    frame = pl.read_csv(
        io.BytesIO(text),
        has_header=True,
        new_columns=[f"{c}__{i}" if c in renamed[:i] else c for i, c in enumerate(renamed)],
        infer_schema=False,
        null_values=["", "NA", "NULL"],
        encoding="utf8-lossy",
    )
    frame = frame.select([c for c in frame.columns if c in known_columns(table)])
    frame = frame.with_columns(pl.int_range(2, frame.height + 2, dtype=pl.Int32).alias("source_line"))
    frame, decoded = decode_labels(frame, table)
    return Stats19File(name, digest, table, frame, unknown, decoded)


def decode_labels(frame: pl.DataFrame, table: str) -> tuple[pl.DataFrame, dict[str, int]]:
    """Replace DfT labels ("Slight", "Lincolnshire") by their codes in coded columns."""
    decoded: dict[str, int] = {}
    changes = {}
    for column, codes in codes_for(table).items():
        if column not in frame.columns:
            continue
        by_label = {label.lower(): code for code, label in codes.items()}
        values = frame.get_column(column).drop_nulls().unique().to_list()
        mapping = {v: by_label[v.lower()] for v in values if v not in codes and v.lower() in by_label}
        if mapping:
            changes[column] = pl.col(column).replace(mapping)
            decoded[column] = int(frame.get_column(column).is_in(list(mapping)).sum())
    return (frame.with_columns(**changes) if changes else frame), decoded


def code_label(table: str, column: str, code: object) -> str:
    """The DfT label of a code, or the code itself when the list has none."""
    text = str(code)
    return codes_for(table).get(column, {}).get(text, text)


def labels(table: str, column: str) -> Mapping[str, str]:
    return codes_for(table).get(column, {})
