"""Reads of the reference geography for other apps (they import this module, not the models)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Sum

from crimeplan.analytics.readers.postcodes import normalise_postcode
from crimeplan.core.store import get_store, per_version
from crimeplan.geography.models import CommunitySafetyPartnership, LocalAuthority, Lsoa, PoliceForceArea, Postcode, Ward


def local_authority_code_of(lsoa_code: str) -> str:
    """The local authority an LSOA lies in, or "" when the LSOA is not loaded."""
    code = Lsoa.objects.filter(code=lsoa_code).values_list("local_authority_id", flat=True).first()
    return code or ""


def local_authority_populations(force_slug: str = "") -> list[dict[str, object]]:
    """Each local authority (of one police force area, or all) with its CSP and summed LSOA population."""
    areas = LocalAuthority.objects.all()
    if force_slug:
        areas = areas.filter(csp__police_force_area__force_slug=force_slug)
    rows = areas.annotate(population=Sum("lsoas__population")).values(
        "code", "name", "csp__code", "csp__name", "population"
    )
    return [
        {
            "la_code": row["code"],
            "la_name": row["name"],
            "csp_code": row["csp__code"] or "",
            "csp_name": row["csp__name"] or "",
            "population": int(row["population"] or 0),
        }
        for row in rows
    ]


def lsoa_areas(force_slug: str) -> list[tuple[str, str, str]]:
    """(LSOA code, LSOA name, local authority code) for each LSOA of one police force area."""
    lsoas = Lsoa.objects.filter(local_authority__csp__police_force_area__force_slug=force_slug)
    return [(code, name, la or "") for code, name, la in lsoas.values_list("code", "name", "local_authority_id")]


@dataclass(frozen=True)
class PlaceMatch:
    """A place a search found: the code its area page has, its name, what it is and where it lies."""

    code: str
    name: str
    kind: str
    within: str = ""

    @property
    def label(self) -> str:
        return f"{self.name} ({self.within})" if self.within else self.name


#: Levels in the order results are listed: bigger places first.
_KINDS = ("police force area", "council", "Community Safety Partnership", "ward", "LSOA")
SEARCH_LIMIT = 60


def _rank(query: str, match: PlaceMatch) -> tuple[int, int, str]:
    name = match.name.lower()
    closeness = 0 if name == query else 1 if name.startswith(query) else 2
    return (closeness, _KINDS.index(match.kind), match.label)


def find_places(text: str) -> list[PlaceMatch]:
    """Places whose name contains ``text`` (force, CSP, council, ward with its council, LSOA), best first.

    Only places in a police force area crimeplan knows (one with a police.uk force id) are found, as only
    those have area pages.
    """
    query = " ".join(text.split()).lower()
    if len(query) < 2:
        return []
    known = {"csp__police_force_area__force_slug__isnull": False}
    found = [
        PlaceMatch(f.force_slug or f.code, f.name, _KINDS[0])
        for f in PoliceForceArea.objects.filter(name__icontains=query, force_slug__isnull=False)
    ]
    found += [
        PlaceMatch(c.code, c.name, _KINDS[2], c.police_force_area.name if c.police_force_area else "")
        for c in CommunitySafetyPartnership.objects.filter(
            name__icontains=query, police_force_area__force_slug__isnull=False
        ).select_related("police_force_area")
    ]
    found += [
        PlaceMatch(la.code, la.name, _KINDS[1]) for la in LocalAuthority.objects.filter(name__icontains=query, **known)
    ]
    found += [
        PlaceMatch(w.code, w.name, _KINDS[3], w.local_authority.name if w.local_authority else "")
        for w in Ward.objects.filter(
            name__icontains=query, **{f"local_authority__{k}": v for k, v in known.items()}
        ).select_related("local_authority")
    ]
    found += [
        PlaceMatch(lsoa.code, lsoa.name, _KINDS[4], _lsoa_within(lsoa))
        for lsoa in Lsoa.objects.filter(
            name__icontains=query, **{f"local_authority__{k}": v for k, v in known.items()}
        ).select_related("ward", "local_authority")[:SEARCH_LIMIT]
    ]
    return sorted(found, key=lambda m: _rank(query, m))[:SEARCH_LIMIT]


def _lsoa_within(lsoa: Lsoa) -> str:
    parts = [f"{lsoa.ward.name} ward" if lsoa.ward else "", lsoa.local_authority.name if lsoa.local_authority else ""]
    return ", ".join(p for p in parts if p)


def postcodes_loaded() -> bool:
    """Whether a postcode lookup (ONSPD or NSPL) has been loaded."""
    return Postcode.objects.exists()


def find_postcode(text: str) -> tuple[str, PlaceMatch | None] | None:
    """For text that is a postcode: (the postcode as written by ONS, its LSOA or None); else None."""
    postcode = normalise_postcode(text)
    if postcode is None:
        return None
    found = Postcode.objects.filter(postcode=postcode).select_related("lsoa__ward", "lsoa__local_authority").first()
    if found is None:
        return postcode, None
    lsoa = found.lsoa
    return postcode, PlaceMatch(lsoa.code, lsoa.name, _KINDS[4], _lsoa_within(lsoa))


def lsoa_at(latitude: float, longitude: float) -> PlaceMatch | None:
    """The LSOA whose loaded boundary holds the point (WGS84), or None outside every loaded boundary."""
    import shapely

    codes, tree = _boundary_tree()
    if tree is None:
        return None
    hits = tree.query(shapely.Point(longitude, latitude), predicate="within")
    if not len(hits):
        return None
    lsoa = Lsoa.objects.filter(code=codes[int(hits[0])]).select_related("ward", "local_authority").first()
    return PlaceMatch(lsoa.code, lsoa.name, _KINDS[4], _lsoa_within(lsoa)) if lsoa else None


@per_version(maxsize=1)
def _boundary_tree() -> tuple[list[str], Any]:
    import polars as pl
    import shapely

    path = get_store().reference_path("lsoa_boundaries")
    if not path.exists():
        return [], None
    frame = pl.read_parquet(path)
    shapes = shapely.from_wkb(frame.get_column("geometry").to_numpy())
    return frame.get_column("lsoa_code").to_list(), shapely.STRtree(shapes)


def ward_code_of(lsoa_code: str) -> str | None:
    """The ward an LSOA lies in ("" when it has none), or None when the LSOA is not loaded."""
    row = Lsoa.objects.filter(code=lsoa_code).values_list("ward_id", flat=True)
    return (row[0] or "") if row else None


def lsoa_codes_in(*, ward: str = "", csp: str = "", local_authority: str = "") -> list[str]:
    """The LSOA codes of a ward, a Community Safety Partnership or a local authority."""
    lsoas = Lsoa.objects.all()
    if ward:
        lsoas = lsoas.filter(ward_id=ward)
    if csp:
        lsoas = lsoas.filter(local_authority__csp_id=csp)
    if local_authority:
        lsoas = lsoas.filter(local_authority_id=local_authority)
    return list(lsoas.order_by("code").values_list("code", flat=True))


def lsoa_centroids() -> list[tuple[str, str, float, float]]:
    """(LSOA code, ward code, latitude, longitude) of every loaded LSOA with a centroid."""
    rows = Lsoa.objects.filter(latitude__isnull=False, longitude__isnull=False).order_by("code")
    values = rows.values_list("code", "ward_id", "latitude", "longitude")
    return [(code, ward or "", float(lat or 0), float(lon or 0)) for code, ward, lat, lon in values]


def area_names(codes: list[str]) -> dict[str, str]:
    """The names of wards, LSOAs and CSPs by code (codes not loaded are left out)."""
    from crimeplan.geography.models import CommunitySafetyPartnership, Ward

    names: dict[str, str] = {}
    for model in (Ward, Lsoa, CommunitySafetyPartnership):
        names.update(dict(model.objects.filter(code__in=codes).values_list("code", "name")))
    return names


def wards_for_choice(force_slug: str = "") -> list[tuple[str, str]]:
    """(code, "name (local authority)") of the loaded wards, for a form's choices."""
    from crimeplan.geography.models import Ward

    wards = Ward.objects.select_related("local_authority")
    if force_slug:
        wards = wards.filter(local_authority__csp__police_force_area__force_slug=force_slug)
    return [(w.code, f"{w.name} ({w.local_authority.name if w.local_authority else w.code})") for w in wards]


def csps_for_choice() -> list[tuple[str, str]]:
    from crimeplan.geography.models import CommunitySafetyPartnership

    return list(CommunitySafetyPartnership.objects.order_by("name").values_list("code", "name"))


def lsoas_for_choice() -> list[tuple[str, str]]:
    """(code, "name (code)") of the loaded LSOAs, for a form's choices."""
    return [(code, f"{name} ({code})") for code, name in Lsoa.objects.order_by("name").values_list("code", "name")]
