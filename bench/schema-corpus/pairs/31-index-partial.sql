-- pair: index-partial
-- kind: index
-- common
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
ALTER TABLE users ADD COLUMN deleted boolean NOT NULL DEFAULT false;
-- a
CREATE INDEX idx_users_live ON users (email);
-- b
CREATE INDEX idx_users_live ON users (email) WHERE NOT deleted;
