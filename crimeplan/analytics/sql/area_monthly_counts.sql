-- Street-level records per month and crime type in one area (a force, or a CSP, LAD, ward or LSOA of it).
SELECT month, crime_type, count(*) AS count
FROM street
WHERE force = $force
  AND month BETWEEN $from_month AND $to_month
  AND (
    $level = 'force'
    OR CASE $level WHEN 'csp' THEN csp_code WHEN 'lad' THEN lad_code WHEN 'ward' THEN ward_code ELSE lsoa_code END = $code
  )
GROUP BY month, crime_type
ORDER BY month, crime_type
