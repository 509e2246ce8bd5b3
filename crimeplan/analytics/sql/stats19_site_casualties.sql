-- Fatal, serious and slight casualties per collision of one force (for site ranking and cost).
SELECT
    collision_index,
    count(*) FILTER (WHERE casualty_severity = 1) AS fatal,
    count(*) FILTER (WHERE casualty_severity = 2) AS serious,
    count(*) FILTER (WHERE casualty_severity = 3) AS slight
FROM casualties
WHERE force = $force
GROUP BY collision_index
