-- Forces and years with STATS19 collisions stored, with the counts of each table.
SELECT k.force, k.year, count(*) AS collisions,
    (SELECT count(*) FROM casualties AS c WHERE c.force = k.force AND c.year = k.year) AS casualties
FROM collisions AS k
GROUP BY k.force, k.year
ORDER BY k.force, k.year
