-- pair: comments
-- kind: comment
-- common
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
-- a
COMMENT ON TABLE users IS 'people';
-- b
COMMENT ON TABLE users IS 'accounts';
COMMENT ON COLUMN users.email IS 'login';
