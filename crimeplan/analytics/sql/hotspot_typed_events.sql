-- Street-level records of one force and period with their crime type (anti-social behaviour included),
-- for the learned hotspot ranking's counts by crime type and for harm weighting. Coordinates may be NULL.
SELECT longitude, latitude, month, crime_type
FROM street
WHERE force = $force
  AND month BETWEEN $from_month AND $to_month
ORDER BY month, source_line
