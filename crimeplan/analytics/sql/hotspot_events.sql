-- Street-level records of one force and period for hotspot analysis: all crime (no anti-social
-- behaviour) when $crime_type is NULL, else one police.uk crime type. Coordinates may be NULL.
SELECT longitude, latitude, month
FROM street
WHERE force = $force
  AND month BETWEEN $from_month AND $to_month
  AND (($crime_type IS NULL AND crime_type <> 'Anti-social behaviour') OR crime_type = $crime_type)
ORDER BY month, source_line  -- a fixed order, so seeded analyses (Knox shuffles) give the same answer every run
