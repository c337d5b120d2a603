-- expect: missing-lock-timeout
-- squawk-covered: require-lock-timeout
-- ALTER TABLE waits for ACCESS EXCLUSIVE behind any long query, and every query queues behind it.
SET statement_timeout = '60s';

ALTER TABLE conversations ADD COLUMN IF NOT EXISTS archived_at timestamptz;
