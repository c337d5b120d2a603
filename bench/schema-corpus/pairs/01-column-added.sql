-- pair: column-added
-- kind: column
-- common
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
-- a

-- b
ALTER TABLE users ADD COLUMN name text;
