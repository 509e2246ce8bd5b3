-- Street-level records per LSOA (NULL key: no LSOA published or found).
SELECT s.lsoa_code AS key,
       coalesce(any_value(l.lsoa_name), any_value(s.lsoa_name), 'No LSOA') AS label,
       count(*) AS count
FROM street AS s
LEFT JOIN lsoa AS l USING (lsoa_code)
WHERE s.force = $force
  AND s.month BETWEEN $from_month AND $to_month
  AND ($crime_type IS NULL OR s.crime_type = $crime_type)
GROUP BY s.lsoa_code
ORDER BY count DESC, key
