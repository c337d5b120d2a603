-- pair: unlogged-table
-- kind: unlogged
-- common

-- a
CREATE TABLE cache (k text PRIMARY KEY, v text);
-- b
CREATE UNLOGGED TABLE cache (k text PRIMARY KEY, v text);
