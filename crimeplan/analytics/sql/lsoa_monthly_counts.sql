-- Records per LSOA, month and crime type for every LSOA of a force's area, with population and IMD rank.
WITH area AS (
    SELECT l.lsoa_code, l.population, l.imd_rank
    FROM lsoa AS l
    JOIN forces AS f ON f.pfa_code = l.pfa_code
    WHERE f.slug = $force
)
SELECT a.lsoa_code, a.population, a.imd_rank, s.month, s.crime_type, count(*) AS n
FROM street AS s
JOIN area AS a USING (lsoa_code)
WHERE s.force = $force AND s.month BETWEEN $from_month AND $to_month
GROUP BY ALL
UNION ALL
SELECT a.lsoa_code, a.population, a.imd_rank, NULL, NULL, 0
FROM area AS a
ORDER BY 1, 4, 5
