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


def _stats19(columns: str, varchar: str = "", double: str = "", date: str = "") -> dict[str, str]:
    """DuckDB types for DfT column names: the named text, decimal and date columns, integer codes otherwise."""
    special = {c: "VARCHAR" for c in varchar.split()} | {c: "DOUBLE" for c in double.split()}
    special |= {c: "DATE" for c in date.split()}
    return {c: special.get(c, "INTEGER") for c in columns.split()}


_INDEX = "collision_index collision_year collision_ref_no"
#: STATS19 tables with DfT's current (2024 release) column names, in the CSVs' order.
STATS19_SCHEMAS: dict[str, dict[str, str]] = {
    "collisions": _stats19(
        f"{_INDEX} location_easting_osgr location_northing_osgr longitude latitude police_force "
        "collision_severity number_of_vehicles number_of_casualties date day_of_week time local_authority_district "
        "local_authority_ons_district local_authority_highway local_authority_highway_current first_road_class "
        "first_road_number road_type speed_limit junction_detail_historic junction_detail junction_control "
        "second_road_class second_road_number pedestrian_crossing_human_control_historic "
        "pedestrian_crossing_physical_facilities_historic pedestrian_crossing light_conditions weather_conditions "
        "road_surface_conditions special_conditions_at_site carriageway_hazards_historic carriageway_hazards "
        "urban_or_rural_area did_police_officer_attend_scene_of_accident trunk_road_flag lsoa_of_accident_location "
        "enhanced_severity_collision collision_injury_based collision_adjusted_severity_serious "
        "collision_adjusted_severity_slight",
        varchar="collision_index collision_ref_no time local_authority_ons_district local_authority_highway "
        "local_authority_highway_current lsoa_of_accident_location",
        double="longitude latitude collision_adjusted_severity_serious collision_adjusted_severity_slight",
        date="date",
    ),
    "casualties": _stats19(
        f"{_INDEX} vehicle_reference casualty_reference casualty_class sex_of_casualty age_of_casualty "
        "age_band_of_casualty casualty_severity pedestrian_location pedestrian_movement car_passenger "
        "bus_or_coach_passenger pedestrian_road_maintenance_worker casualty_type casualty_imd_decile lsoa_of_casualty "
        "enhanced_casualty_severity casualty_injury_based casualty_adjusted_severity_serious "
        "casualty_adjusted_severity_slight casualty_distance_banding",
        varchar="collision_index collision_ref_no lsoa_of_casualty",
        double="casualty_adjusted_severity_serious casualty_adjusted_severity_slight",
    ),
    "vehicles": _stats19(
        f"{_INDEX} vehicle_reference vehicle_type towing_and_articulation vehicle_manoeuvre_historic "
        "vehicle_manoeuvre vehicle_direction_from vehicle_direction_to vehicle_location_restricted_lane_historic "
        "vehicle_location_restricted_lane junction_location skidding_and_overturning hit_object_in_carriageway "
        "vehicle_leaving_carriageway hit_object_off_carriageway first_point_of_impact vehicle_left_hand_drive "
        "journey_purpose_of_driver_historic journey_purpose_of_driver sex_of_driver age_of_driver age_band_of_driver "
        "engine_capacity_cc propulsion_code age_of_vehicle generic_make_model driver_imd_decile lsoa_of_driver "
        "escooter_flag driver_distance_banding",
        varchar="collision_index collision_ref_no generic_make_model lsoa_of_driver",
    ),
}
#: Columns the STATS19 import adds: the collision's areas, how they were found, and the source line.
STATS19_ADDED: dict[str, str] = {
    "lsoa_code": "VARCHAR",
    "ward_code": "VARCHAR",
    "lad_code": "VARCHAR",
    "csp_code": "VARCHAR",
    "attribution": "VARCHAR",
    "source_line": "INTEGER",
}
STATS19_PARTITION_COLUMNS: dict[str, str] = {"force": "VARCHAR", "year": "INTEGER"}
#: Areas the STATS19 import attaches (LSOA -> ward -> LAD -> CSP with residents), stored beside the tables.
STATS19_AREAS: dict[str, str] = {
    "lsoa_code": "VARCHAR",
    "ward_code": "VARCHAR",
    "ward_name": "VARCHAR",
    "lad_code": "VARCHAR",
    "lad_name": "VARCHAR",
    "csp_code": "VARCHAR",
    "csp_name": "VARCHAR",
    "population": "BIGINT",
}
STATS19_CODES: dict[str, str] = {
    "table_name": "VARCHAR",
    "column_name": "VARCHAR",
    "code": "VARCHAR",
    "label": "VARCHAR",
}
#: STATS19 tables stored beside the partitions (``stats19/<name>.parquet``), by view name.
STATS19_REFERENCE = {"stats19_areas": STATS19_AREAS, "stats19_codes": STATS19_CODES}


def stats19_columns(table: str) -> dict[str, str]:
    """Every column a stored STATS19 file of this table holds, in order."""
    return {**STATS19_SCHEMAS[table], **STATS19_ADDED}
