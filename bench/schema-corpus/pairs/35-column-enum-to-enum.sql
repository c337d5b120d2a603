-- pair: column-enum-to-enum
-- kind: column type
-- common
CREATE TYPE mood AS ENUM ('low', 'high');
CREATE TYPE level AS ENUM ('low', 'high', 'max');
-- a
CREATE TABLE entries (id int, feeling mood);
INSERT INTO entries VALUES (1, 'high');
-- b
CREATE TABLE entries (id int, feeling level);
