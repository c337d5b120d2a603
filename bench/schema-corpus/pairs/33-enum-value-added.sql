-- pair: enum-value-added
-- kind: enum
-- common

-- a
CREATE TYPE mood AS ENUM ('low', 'high');
-- b
CREATE TYPE mood AS ENUM ('low', 'ok', 'high');
