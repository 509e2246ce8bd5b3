-- Records per published map point (police.uk snaps every record to an anonymous point) in one area.
SELECT longitude, latitude, any_value(location) AS location, count(*) AS count
FROM street
WHERE force = $force
  AND month BETWEEN $from_month AND $to_month
  AND longitude IS NOT NULL
  AND (
    $level = 'force'
    OR CASE $level WHEN 'csp' THEN csp_code WHEN 'lad' THEN lad_code WHEN 'ward' THEN ward_code ELSE lsoa_code END = $code
  )
  AND ($all_types OR list_contains($crime_types, crime_type))
GROUP BY longitude, latitude
