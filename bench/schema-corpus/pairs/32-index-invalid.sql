-- pair: index-invalid
-- kind: index validity
-- common
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
CREATE INDEX idx_users_email ON users (email);
-- a
UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'idx_users_email'::regclass;
-- b

