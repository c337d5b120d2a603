-- pair: column-collation
-- kind: collation
-- common
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
-- a
ALTER TABLE users ADD COLUMN nick text;
-- b
ALTER TABLE users ADD COLUMN nick text COLLATE "C";
