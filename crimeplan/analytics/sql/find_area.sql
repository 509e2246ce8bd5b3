-- The area with this ONS code: its level, name, force, population and number of LSOAs.
WITH candidates AS (
    SELECT 'csp' AS level, any_value(l.csp_name) AS name, any_value(f.slug) AS force, sum(l.population) AS population, count(*) AS lsoas
    FROM lsoa l LEFT JOIN forces f ON f.pfa_code = l.pfa_code WHERE l.csp_code = $code
    UNION ALL
    SELECT 'lad', any_value(l.lad_name), any_value(f.slug), sum(l.population), count(*)
    FROM lsoa l LEFT JOIN forces f ON f.pfa_code = l.pfa_code WHERE l.lad_code = $code
    UNION ALL
    SELECT 'ward', any_value(l.ward_name), any_value(f.slug), sum(l.population), count(*)
    FROM lsoa l LEFT JOIN forces f ON f.pfa_code = l.pfa_code WHERE l.ward_code = $code
    UNION ALL
    SELECT 'lsoa', any_value(l.lsoa_name), any_value(f.slug), sum(l.population), count(*)
    FROM lsoa l LEFT JOIN forces f ON f.pfa_code = l.pfa_code WHERE l.lsoa_code = $code
)
SELECT level, name, force, population, lsoas FROM candidates WHERE lsoas > 0 LIMIT 1
