-- pair: column-dropped
-- kind: column
-- common
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
-- a
ALTER TABLE users ADD COLUMN legacy text;
-- b

