-- Records per LSOA for every LSOA of the force's area (zero where none) and any other LSOA with records.
WITH counts AS (
    SELECT lsoa_code, count(*) AS count
    FROM street
    WHERE force = $force
      AND month BETWEEN $from_month AND $to_month
      AND ($crime_type IS NULL OR crime_type = $crime_type)
      AND lsoa_code IS NOT NULL
    GROUP BY lsoa_code
),
area AS (
    SELECT l.lsoa_code
    FROM lsoa AS l
    JOIN forces AS f ON f.pfa_code = l.pfa_code
    WHERE f.slug = $force
)
SELECT l.lsoa_code AS key, l.lsoa_name AS label, l.population, coalesce(c.count, 0) AS count
FROM lsoa AS l
LEFT JOIN counts AS c USING (lsoa_code)
WHERE l.lsoa_code IN (SELECT lsoa_code FROM area) OR c.count IS NOT NULL
ORDER BY count DESC, key
