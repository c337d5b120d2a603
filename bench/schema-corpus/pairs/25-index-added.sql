-- pair: index-added
-- kind: index
-- common
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
-- a

-- b
CREATE INDEX idx_users_email ON users (email);
