-- expect: missing-lock-timeout
-- squawk-covered: require-lock-timeout
-- The timeout is set, but only after the statement that needed it.
SET statement_timeout = '60s';

ALTER TABLE conversations ADD COLUMN IF NOT EXISTS archived_at timestamptz;

SET lock_timeout = '2s';

ALTER TABLE conversations ADD COLUMN IF NOT EXISTS archived_by uuid;
