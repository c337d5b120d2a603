-- expect: none
-- squawk-covered: none
-- golang-migrate records each version in schema_migrations and runs it once: a CREATE
-- without IF NOT EXISTS is how its files are written.
SET lock_timeout = '2s';

CREATE TABLE api_keys (
    id bigint PRIMARY KEY,
    user_id bigint NOT NULL,
    hashed text NOT NULL
);

CREATE INDEX api_keys_user ON api_keys (user_id);
