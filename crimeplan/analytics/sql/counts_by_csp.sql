-- Street-level records per Community Safety Partnership (NULL key: not attributed to one).
WITH names AS (SELECT DISTINCT csp_code, csp_name FROM lsoa WHERE csp_code IS NOT NULL)
SELECT s.csp_code AS key, coalesce(n.csp_name, 'Not attributed to a CSP') AS label, count(*) AS count
FROM street AS s
LEFT JOIN names AS n USING (csp_code)
WHERE s.force = $force
  AND s.month BETWEEN $from_month AND $to_month
  AND ($crime_type IS NULL OR s.crime_type = $crime_type)
GROUP BY s.csp_code, n.csp_name
ORDER BY count DESC, key
