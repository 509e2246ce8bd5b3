-- A police.uk force's name and the population and LSOA count of its police force area.
SELECT f.name, sum(l.population) AS population, count(l.lsoa_code) AS lsoas
FROM forces AS f
LEFT JOIN lsoa AS l ON l.pfa_code = f.pfa_code
WHERE f.slug = $slug
GROUP BY f.name
