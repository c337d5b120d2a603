-- pair: column-default
-- kind: column default
-- common
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
-- a
ALTER TABLE users ADD COLUMN plan text DEFAULT 'free';
-- b
ALTER TABLE users ADD COLUMN plan text DEFAULT 'pro';
