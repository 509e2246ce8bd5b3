-- The CSPs, local authorities and wards of a force's area, with population and LSOA counts.
SELECT 'csp' AS level, csp_code AS code, any_value(csp_name) AS name, sum(population) AS population, count(*) AS lsoas
FROM lsoa WHERE pfa_code = (SELECT pfa_code FROM forces WHERE slug = $force) GROUP BY csp_code
UNION ALL
SELECT 'lad', lad_code, any_value(lad_name), sum(population), count(*)
FROM lsoa WHERE pfa_code = (SELECT pfa_code FROM forces WHERE slug = $force) GROUP BY lad_code
UNION ALL
SELECT 'ward', ward_code, any_value(ward_name), sum(population), count(*)
FROM lsoa WHERE pfa_code = (SELECT pfa_code FROM forces WHERE slug = $force) AND ward_code IS NOT NULL GROUP BY ward_code
ORDER BY level, name
