-- Records per month in every CSP, local authority or ward of a force, for the chosen crime types.
SELECT CASE $level WHEN 'csp' THEN csp_code WHEN 'lad' THEN lad_code ELSE ward_code END AS code, month, count(*) AS count
FROM street
WHERE force = $force
  AND month BETWEEN $from_month AND $to_month
  AND list_contains($crime_types, crime_type)
GROUP BY ALL
ORDER BY code, month
