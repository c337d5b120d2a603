-- pair: composite-type
-- kind: composite type
-- common

-- a
CREATE TYPE address AS (street text, zip text);
-- b
CREATE TYPE address AS (street text, zip text, country text);
