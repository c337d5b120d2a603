-- pair: index-opclass
-- kind: index opclass
-- common
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
-- a
CREATE INDEX idx_users_email ON users (email);
-- b
CREATE INDEX idx_users_email ON users (email text_pattern_ops);
