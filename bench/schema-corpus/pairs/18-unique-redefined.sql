-- pair: unique-redefined
-- kind: unique
-- common
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
ALTER TABLE users ADD COLUMN org int;
-- a
ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);
-- b
ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email, org);
