-- pair: enum-value-removed
-- kind: enum
-- common

-- a
CREATE TYPE mood AS ENUM ('low', 'ok', 'high');
CREATE TABLE entries (id int, feeling mood DEFAULT 'low');
INSERT INTO entries VALUES (1, 'high');
-- b
CREATE TYPE mood AS ENUM ('low', 'high');
CREATE TABLE entries (id int, feeling mood DEFAULT 'low');
