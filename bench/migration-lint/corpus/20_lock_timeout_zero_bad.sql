-- expect: missing-lock-timeout
-- squawk-covered: none
-- lock_timeout = 0 means "wait forever": it turns the protection off.
SET lock_timeout = 0;
SET statement_timeout = '60s';

ALTER TABLE conversations ADD COLUMN IF NOT EXISTS archived_at timestamptz;
