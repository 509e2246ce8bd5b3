"""Readers for ONS and MHCLG geography files: lookups, IMD, population, boundaries.

Each file is recognised by its header (not its name) and read into a
``Contribution``: a table keyed by LSOA, local authority, CSP or PFA code that
adds some columns of the reference geography. ``crimeplan.analytics.geography``
merges contributions into the LSOA table.

Recognised (England and Wales, 2011 LSOAs):

==================  ==========================================================
role                header columns that identify it
==================  ==========================================================
lsoa_reference      lsoa11cd, lad_cd, csp19cd, pfa19cd (a derived per-force file)
lsoa_ward_lad       LSOA11CD, WD19CD, LAD19CD (ONS best-fit lookup)
lad_csp_pfa         LADyyCD, CSPyyCD, PFAyyCD (ONS, 2017 or 2019)
csp_names           CSP19CD, CSP19NM
pfa_names           PFA19CD, PFA19NM
imd                 "LSOA code (2011)" and the IMD rank and decile (MHCLG IoD2019)
population          lsoa11_code, total_population (ONS mid-year estimates)
centroids           LSOACD, latitude, longitude
lsoa_boundaries     GeoJSON features with an LSOA11CD property
==================  ==========================================================
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

import shapely

from crimeplan.analytics.lazy import lazy_module
from crimeplan.analytics.readers.policeuk import decompress
from crimeplan.analytics.vocabulary import LSOA_CODE

if TYPE_CHECKING:
    import polars as pl
else:
    pl = lazy_module("polars")


@dataclass(frozen=True)
class Contribution:
    """Columns of the reference geography from one file, keyed by ``key``."""

    source: str
    role: str
    key: str
    frame: pl.DataFrame
    #: False when the file may name areas that are not 2011 LSOAs (it only fills in known ones).
    adds_rows: bool = True


class UnrecognisedFile(ValueError):
    """The file is not one of the geography files crimeplan reads."""


def read_geography_file(path: str | Path) -> Contribution:
    """Recognise a geography file by its header and read it."""
    path = Path(path)
    data = decompress(path.read_bytes())
    if path.name.endswith((".geojson", ".json", ".geojson.gz")):
        return _read_boundaries(path, data)
    text = data.removeprefix(b"\xef\xbb\xbf")
    header = set(next(iter(text.split(b"\n", 1))).decode("utf-8", "replace").strip().split(","))
    header = {h.strip('"') for h in header}
    for role, (needs, reader) in _CSV_READERS.items():
        if needs <= header:
            frame = pl.read_csv(io.BytesIO(text), infer_schema=False)
            key, read = reader(frame, path)
            return Contribution(str(path), role, key, read, adds_rows=role not in UPDATE_ONLY)
    raise UnrecognisedFile(
        f"{path.name}: not a geography file crimeplan reads (recognised: "
        f"{', '.join(_CSV_READERS)}, lsoa_boundaries GeoJSON)"
    )


def _int(column: str) -> pl.Expr:
    return pl.col(column).str.replace_all(",", "").cast(pl.Int64, strict=False)


def _float(column: str) -> pl.Expr:
    return pl.col(column).cast(pl.Float64, strict=False)


def _reference(frame: pl.DataFrame, path: Path) -> tuple[str, pl.DataFrame]:
    return "lsoa_code", frame.select(
        pl.col("lsoa11cd").alias("lsoa_code"),
        pl.col("lsoa11nm").alias("lsoa_name"),
        pl.col("lad_cd").alias("lad_code"),
        pl.col("lad_nm").alias("lad_name"),
        pl.col("csp19cd").alias("csp_code"),
        pl.col("csp19nm").alias("csp_name"),
        pl.col("pfa19cd").alias("pfa_code"),
        pl.col("pfa19nm").alias("pfa_name"),
        _float("centroid_lat").alias("latitude"),
        _float("centroid_lon").alias("longitude"),
        _int("imd2019_rank").alias("imd_rank"),
        _int("imd2019_decile").alias("imd_decile"),
        _int("population_mid2015").alias("population"),
        pl.lit(2015, pl.Int64).alias("population_year"),
    )


def _ward_lookup(frame: pl.DataFrame, path: Path) -> tuple[str, pl.DataFrame]:
    return "lsoa_code", frame.select(
        pl.col("LSOA11CD").alias("lsoa_code"),
        pl.col("LSOA11NM").alias("lsoa_name"),
        pl.col("WD19CD").alias("ward_code"),
        pl.col("WD19NM").alias("ward_name"),
        pl.col("LAD19CD").alias("lad_code"),
        pl.col("LAD19NM").alias("lad_name"),
    )


def _year_columns(frame: pl.DataFrame, prefix: str) -> tuple[str, str]:
    for column in frame.columns:
        match = re.fullmatch(prefix + r"(\d\d)CD", column)
        if match:
            return column, f"{prefix}{match[1]}NM"
    raise UnrecognisedFile(f"no {prefix}yyCD column")


def _lad_csp_pfa(frame: pl.DataFrame, path: Path) -> tuple[str, pl.DataFrame]:
    (lad, lad_nm), (csp, csp_nm), (pfa, pfa_nm) = (_year_columns(frame, p) for p in ("LAD", "CSP", "PFA"))
    return "lad_code", frame.select(
        pl.col(lad).alias("lad_code"),
        pl.col(lad_nm).alias("lad_name"),
        pl.col(csp).alias("csp_code"),
        pl.col(csp_nm).alias("csp_name"),
        pl.col(pfa).alias("pfa_code"),
        pl.col(pfa_nm).alias("pfa_name"),
    )


def _csp_names(frame: pl.DataFrame, path: Path) -> tuple[str, pl.DataFrame]:
    return "csp_code", frame.select(pl.col("CSP19CD").alias("csp_code"), pl.col("CSP19NM").alias("csp_name"))


def _pfa_names(frame: pl.DataFrame, path: Path) -> tuple[str, pl.DataFrame]:
    named = frame.filter(pl.col("PFA19NM").fill_null("") != "")
    return "pfa_code", named.select(pl.col("PFA19CD").alias("pfa_code"), pl.col("PFA19NM").alias("pfa_name"))


_IMD_RANK = "Index of Multiple Deprivation (IMD) Rank"
_IMD_DECILE = "Index of Multiple Deprivation (IMD) Decile"


def _imd(frame: pl.DataFrame, path: Path) -> tuple[str, pl.DataFrame]:
    rank = next(c for c in frame.columns if c.startswith(_IMD_RANK))
    decile = next(c for c in frame.columns if c.startswith(_IMD_DECILE))
    return "lsoa_code", frame.select(
        pl.col("LSOA code (2011)").alias("lsoa_code"),
        pl.col("LSOA name (2011)").alias("lsoa_name"),
        _int(rank).alias("imd_rank"),
        _int(decile).alias("imd_decile"),
    )


def _population(frame: pl.DataFrame, path: Path) -> tuple[str, pl.DataFrame]:
    year = re.search(r"mid[-_]?(\d{4})", path.name)
    return "lsoa_code", frame.select(
        pl.col("lsoa11_code").alias("lsoa_code"),
        pl.col("lsoa11_name").alias("lsoa_name"),
        _int("total_population").alias("population"),
        pl.lit(int(year[1]) if year else None, pl.Int64).alias("population_year"),
    )


def _centroids(frame: pl.DataFrame, path: Path) -> tuple[str, pl.DataFrame]:
    return "lsoa_code", frame.filter(pl.col("LSOACD").str.contains(LSOA_CODE)).select(
        pl.col("LSOACD").alias("lsoa_code"),
        _float("latitude").alias("latitude"),
        _float("longitude").alias("longitude"),
    )


#: The centroid file mixes 2011 and 2021 LSOA codes (both start E01/W01), so it only fills in.
UPDATE_ONLY = {"centroids"}
_Reader: TypeAlias = "Callable[[pl.DataFrame, Path], tuple[str, pl.DataFrame]]"
_CSV_READERS: dict[str, tuple[set[str], _Reader]] = {
    "lsoa_reference": ({"lsoa11cd", "lad_cd", "csp19cd", "pfa19cd"}, _reference),
    "lsoa_ward_lad": ({"LSOA11CD", "WD19CD", "LAD19CD"}, _ward_lookup),
    "lad_csp_pfa_2019": ({"LAD19CD", "CSP19CD", "PFA19CD"}, _lad_csp_pfa),
    "lad_csp_pfa_2017": ({"LAD17CD", "CSP17CD", "PFA17CD"}, _lad_csp_pfa),
    "csp_names": ({"CSP19CD", "CSP19NM"}, _csp_names),
    "pfa_names": ({"PFA19CD", "PFA19NM"}, _pfa_names),
    "imd": ({"LSOA code (2011)", _IMD_RANK}, _imd),
    "population": ({"lsoa11_code", "total_population"}, _population),
    "centroids": ({"LSOACD", "latitude", "longitude"}, _centroids),
}


def _read_boundaries(path: Path, data: bytes) -> Contribution:
    try:
        collection = json.loads(data)
        features = collection["features"]
    except (ValueError, KeyError, TypeError) as exc:
        raise UnrecognisedFile(f"{path.name}: not a GeoJSON FeatureCollection ({exc})") from exc
    codes, names, geometries = [], [], []
    for feature in features:
        props = feature.get("properties") or {}
        code = props.get("LSOA11CD")
        if code is None:
            raise UnrecognisedFile(
                f"{path.name}: GeoJSON features have no LSOA11CD property; only 2011 LSOA boundaries are read"
            )
        codes.append(code)
        names.append(props.get("LSOA11NM"))
        geometries.append(json.dumps(feature["geometry"]))
    shapes = shapely.from_geojson(geometries)
    frame = pl.DataFrame(
        {
            "lsoa_code": codes,
            "lsoa_name": names,
            "geometry": shapely.to_wkb(shapes).tolist(),
        },
        schema={"lsoa_code": pl.String, "lsoa_name": pl.String, "geometry": pl.Binary},
    )
    return Contribution(str(path), "lsoa_boundaries", "boundary", frame)
