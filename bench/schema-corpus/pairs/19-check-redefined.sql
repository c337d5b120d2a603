-- pair: check-redefined
-- kind: check
-- common
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
ALTER TABLE users ADD COLUMN age int;
-- a
ALTER TABLE users ADD CONSTRAINT age_ok CHECK (age > 0);
-- b
ALTER TABLE users ADD CONSTRAINT age_ok CHECK (age >= 18);
