-- expect: create-index-not-concurrently
-- squawk-covered: require-concurrent-index-creation
-- UNIQUE does not change the lock: writes wait for the whole build.
SET lock_timeout = '2s';
SET statement_timeout = '0';

CREATE UNIQUE INDEX IF NOT EXISTS idx_users_lower_email
    ON users (lower(email))
    WHERE deleted_at IS NULL;
