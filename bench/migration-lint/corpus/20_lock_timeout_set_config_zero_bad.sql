-- expect: missing-lock-timeout
-- squawk-covered: require-lock-timeout
-- set_config with '0' is the same as SET lock_timeout = 0: no limit at all.
SELECT set_config('lock_timeout', '0', false);
SET statement_timeout = '60s';

ALTER TABLE jobs ADD COLUMN IF NOT EXISTS owner text;
