-- Each ward, local authority and CSP of a force's area with the area it lies in (ward -> local
-- authority -> CSP -> force), so a ward is never shown without its council.
SELECT 'ward' AS level, ward_code AS code, any_value(ward_name) AS name, any_value(lad_code) AS parent_code, any_value(lad_name) AS parent_name
FROM lsoa WHERE pfa_code = (SELECT pfa_code FROM forces WHERE slug = $force) AND ward_code IS NOT NULL GROUP BY ward_code
UNION ALL
SELECT 'lad', lad_code, any_value(lad_name), any_value(csp_code), any_value(csp_name)
FROM lsoa WHERE pfa_code = (SELECT pfa_code FROM forces WHERE slug = $force) GROUP BY lad_code
UNION ALL
SELECT 'lsoa', lsoa_code, any_value(lsoa_name), any_value(ward_code), any_value(ward_name)
FROM lsoa WHERE pfa_code = (SELECT pfa_code FROM forces WHERE slug = $force) GROUP BY lsoa_code
UNION ALL
SELECT 'csp', csp_code, any_value(csp_name), $force, NULL
FROM lsoa WHERE pfa_code = (SELECT pfa_code FROM forces WHERE slug = $force) GROUP BY csp_code
ORDER BY level, name
