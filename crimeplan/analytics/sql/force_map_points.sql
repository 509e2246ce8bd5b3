-- Distinct map points where a force published any street-level record with one of its own LSOA codes.
SELECT DISTINCT s.longitude, s.latitude
FROM street AS s
WHERE s.force = $force
  AND s.longitude IS NOT NULL
  AND s.latitude IS NOT NULL
  AND s.lsoa_code IN (
      SELECT l.lsoa_code FROM lsoa AS l JOIN forces AS f ON f.pfa_code = l.pfa_code WHERE f.slug = $force
  )
