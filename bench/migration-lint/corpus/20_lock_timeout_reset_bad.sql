-- expect: missing-lock-timeout
-- squawk-covered: none
-- The timeout is set, then RESET before the statement that needs it: the server default
-- (0, wait forever) applies to the ALTER.
SET lock_timeout = '2s';
SET statement_timeout = '60s';

UPDATE app_settings SET value = 'on' WHERE key = 'maintenance';

RESET lock_timeout;

ALTER TABLE sessions ADD COLUMN IF NOT EXISTS last_seen_at timestamptz;
