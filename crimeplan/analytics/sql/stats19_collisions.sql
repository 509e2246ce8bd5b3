-- Collisions of one force: severity, adjustment, place and the road they happened on.
SELECT
    collision_index, year, date, collision_severity, collision_adjusted_severity_serious, collision_injury_based,
    number_of_casualties, longitude, latitude, location_easting_osgr, location_northing_osgr,
    first_road_class, first_road_number, second_road_class, second_road_number,
    junction_detail, junction_detail_historic, speed_limit, lad_code, csp_code
FROM collisions
WHERE force = $force
