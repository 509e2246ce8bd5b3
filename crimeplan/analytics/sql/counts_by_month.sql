-- Street-level records per month for one force and period (optionally one crime type).
SELECT month AS key, month AS label, count(*) AS count
FROM street
WHERE force = $force
  AND month BETWEEN $from_month AND $to_month
  AND ($crime_type IS NULL OR crime_type = $crime_type)
GROUP BY month
ORDER BY month
