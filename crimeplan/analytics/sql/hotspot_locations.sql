-- Street-level records of one force and period with police.uk's anonymised location ("On or near ..."),
-- to name hotspot cells by the street most of their records were mapped to. As hotspot_events.
SELECT longitude, latitude, location
FROM street
WHERE force = $force
  AND month BETWEEN $from_month AND $to_month
  AND (($crime_type IS NULL AND crime_type <> 'Anti-social behaviour') OR crime_type = $crime_type)
  AND longitude IS NOT NULL AND location IS NOT NULL
