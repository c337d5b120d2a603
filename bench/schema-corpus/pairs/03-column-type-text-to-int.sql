-- pair: column-type-text-to-int
-- kind: column type
-- common
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
INSERT INTO users VALUES (1, 'a');
-- a
ALTER TABLE users ADD COLUMN age text;
-- b
ALTER TABLE users ADD COLUMN age integer;
