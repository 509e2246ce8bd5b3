"""Reads of the reference geography for other apps (they import this module, not the models)."""

from __future__ import annotations

from django.db.models import Sum

from crimeplan.geography.models import LocalAuthority, Lsoa


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
