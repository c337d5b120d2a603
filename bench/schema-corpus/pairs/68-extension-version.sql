-- pair: extension-version
-- kind: extension version
-- common

-- a
CREATE EXTENSION citext VERSION '1.4';
-- b
CREATE EXTENSION citext;
