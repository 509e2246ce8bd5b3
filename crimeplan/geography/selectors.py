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
