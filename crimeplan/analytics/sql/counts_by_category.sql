-- Street-level records per police.uk crime type for one force and period.
SELECT crime_type AS key, crime_type AS label, count(*) AS count
FROM street
WHERE force = $force
  AND month BETWEEN $from_month AND $to_month
  AND ($crime_type IS NULL OR crime_type = $crime_type)
GROUP BY crime_type
ORDER BY count DESC, key
