-- Records per LSOA and crime type for every LSOA of an area (zero rows where none), with IMD and population.
WITH area AS (
    SELECT l.lsoa_code, l.lsoa_name, l.population, l.imd_decile
    FROM lsoa AS l
    JOIN forces AS f ON f.pfa_code = l.pfa_code
    WHERE f.slug = $force
      AND (
        $level = 'force'
        OR CASE $level WHEN 'csp' THEN l.csp_code WHEN 'lad' THEN l.lad_code WHEN 'ward' THEN l.ward_code ELSE l.lsoa_code END = $code
      )
),
counts AS (
    SELECT lsoa_code, crime_type, count(*) AS count
    FROM street
    WHERE force = $force AND month BETWEEN $from_month AND $to_month AND lsoa_code IN (SELECT lsoa_code FROM area)
    GROUP BY lsoa_code, crime_type
)
SELECT a.lsoa_code, a.lsoa_name, a.population, a.imd_decile, c.crime_type, coalesce(c.count, 0) AS count
FROM area AS a
LEFT JOIN counts AS c USING (lsoa_code)
ORDER BY a.lsoa_code, c.crime_type
