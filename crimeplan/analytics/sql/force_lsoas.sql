-- The LSOAs of a force's area, through the LSOA -> PFA lookup and the force's PFA code.
SELECT l.lsoa_code
FROM lsoa AS l
JOIN forces AS f ON f.pfa_code = l.pfa_code
WHERE f.slug = $force
ORDER BY l.lsoa_code
