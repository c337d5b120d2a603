-- pair: index-gin
-- kind: index method
-- common
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
ALTER TABLE users ADD COLUMN tags text[];
-- a

-- b
CREATE INDEX idx_users_tags ON users USING gin (tags);
