-- Per CSP of a force: residents, residents of LSOAs in the most deprived IMD deciles, and records by crime type.
WITH area AS (
    SELECT l.csp_code, l.csp_name, l.population, l.imd_decile
    FROM lsoa AS l
    JOIN forces AS f ON f.pfa_code = l.pfa_code
    WHERE f.slug = $force AND l.csp_code IS NOT NULL
),
people AS (
    SELECT
        csp_code,
        any_value(csp_name) AS csp_name,
        sum(coalesce(population, 0)) AS population,
        sum(CASE WHEN imd_decile <= $deprived_deciles THEN coalesce(population, 0) ELSE 0 END) AS deprived
    FROM area
    GROUP BY csp_code
),
counts AS (
    SELECT csp_code, crime_type, count(*) AS n
    FROM street
    WHERE force = $force AND month BETWEEN $from_month AND $to_month AND csp_code IN (SELECT csp_code FROM people)
    GROUP BY csp_code, crime_type
)
SELECT p.csp_code, p.csp_name, p.population, p.deprived, c.crime_type, coalesce(c.n, 0) AS n
FROM people AS p
LEFT JOIN counts AS c USING (csp_code)
ORDER BY p.csp_code, c.crime_type
