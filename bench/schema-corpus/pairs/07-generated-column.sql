-- pair: generated-column
-- kind: generated column
-- common
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
ALTER TABLE users ADD COLUMN price numeric, ADD COLUMN qty int;
-- a
ALTER TABLE users ADD COLUMN total numeric GENERATED ALWAYS AS (price * qty) STORED;
-- b
ALTER TABLE users ADD COLUMN total numeric GENERATED ALWAYS AS (price * qty * 2) STORED;
