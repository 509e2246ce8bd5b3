"""The columns of the crime store: per kind, added by the import, and the reference tables.

Types are DuckDB's. The partition columns ``force`` and ``month`` come from the
path, not the file.
"""

from __future__ import annotations

from crimeplan.analytics.vocabulary import Kind

#: Stored columns per kind, with DuckDB types (partition columns force/month come from the path).
SCHEMAS: dict[Kind, dict[str, str]] = {
    Kind.STREET: {
        "crime_id": "VARCHAR",
        "reported_by": "VARCHAR",
        "falls_within": "VARCHAR",
        "longitude": "DOUBLE",
        "latitude": "DOUBLE",
        "location": "VARCHAR",
        "lsoa_code": "VARCHAR",
        "lsoa_name": "VARCHAR",
        "crime_type": "VARCHAR",
        "last_outcome_category": "VARCHAR",
        "context": "VARCHAR",
    },
    Kind.OUTCOMES: {
        "crime_id": "VARCHAR",
        "reported_by": "VARCHAR",
        "falls_within": "VARCHAR",
        "longitude": "DOUBLE",
        "latitude": "DOUBLE",
        "location": "VARCHAR",
        "lsoa_code": "VARCHAR",
        "lsoa_name": "VARCHAR",
        "outcome_type": "VARCHAR",
    },
    Kind.STOP_SEARCH: {
        "type": "VARCHAR",
        "date": "TIMESTAMP WITH TIME ZONE",
        "part_of_a_policing_operation": "BOOLEAN",
        "policing_operation": "VARCHAR",
        "latitude": "DOUBLE",
        "longitude": "DOUBLE",
        "gender": "VARCHAR",
        "age_range": "VARCHAR",
        "self_defined_ethnicity": "VARCHAR",
        "officer_defined_ethnicity": "VARCHAR",
        "legislation": "VARCHAR",
        "object_of_search": "VARCHAR",
        "outcome": "VARCHAR",
        "outcome_linked_to_object_of_search": "BOOLEAN",
        "removal_of_more_than_just_outer_clothing": "BOOLEAN",
        "lsoa_code": "VARCHAR",
    },
}
#: Columns the import adds to every kind.
ATTRIBUTION_COLUMNS: dict[str, str] = {
    "ward_code": "VARCHAR",
    "lad_code": "VARCHAR",
    "csp_code": "VARCHAR",
    "attribution": "VARCHAR",
    "source_line": "INTEGER",
}
PARTITION_COLUMNS: dict[str, str] = {"force": "VARCHAR", "month": "VARCHAR"}
#: Reference tables written by ``crimeplan.analytics.geography``, with DuckDB types.
REFERENCE_SCHEMAS: dict[str, dict[str, str]] = {
    "lsoa": {
        "lsoa_code": "VARCHAR",
        "lsoa_name": "VARCHAR",
        "ward_code": "VARCHAR",
        "ward_name": "VARCHAR",
        "lad_code": "VARCHAR",
        "lad_name": "VARCHAR",
        "csp_code": "VARCHAR",
        "csp_name": "VARCHAR",
        "pfa_code": "VARCHAR",
        "pfa_name": "VARCHAR",
        "population": "BIGINT",
        "population_year": "BIGINT",
        "imd_rank": "BIGINT",
        "imd_decile": "BIGINT",
        "latitude": "DOUBLE",
        "longitude": "DOUBLE",
    },
    "forces": {"slug": "VARCHAR", "name": "VARCHAR", "pfa_code": "VARCHAR"},
    "lsoa_boundaries": {"lsoa_code": "VARCHAR", "geometry": "BLOB"},
}
REFERENCE_TABLES = tuple(REFERENCE_SCHEMAS)


def stored_columns(kind: Kind) -> dict[str, str]:
    """Every column a stored file of this kind holds, in order."""
    return {**SCHEMAS[kind], **ATTRIBUTION_COLUMNS}
