-- Casualties of one force with the columns of their collision that trends break down by.
SELECT
    c.year, c.casualty_severity, c.casualty_type, c.age_band_of_casualty, c.casualty_class,
    c.casualty_adjusted_severity_serious, c.casualty_injury_based,
    k.first_road_class, k.speed_limit, k.light_conditions, k.weather_conditions, k.lad_code, k.csp_code,
    k.date
FROM casualties AS c
JOIN collisions AS k ON k.collision_index = c.collision_index AND k.force = c.force AND k.year = c.year
WHERE c.force = $force
