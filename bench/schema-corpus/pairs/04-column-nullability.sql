-- pair: column-nullability
-- kind: column
-- common
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
-- a

-- b
ALTER TABLE users ALTER COLUMN email DROP NOT NULL;
