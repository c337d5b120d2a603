-- pair: extension-added
-- kind: extension
-- common

-- a

-- b
CREATE EXTENSION IF NOT EXISTS pg_trgm;
