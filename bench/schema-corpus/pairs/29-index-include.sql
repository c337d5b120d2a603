-- pair: index-include
-- kind: index include
-- common
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
ALTER TABLE users ADD COLUMN name text;
-- a
CREATE UNIQUE INDEX idx_users_email ON users (email);
-- b
CREATE UNIQUE INDEX idx_users_email ON users (email) INCLUDE (name);
