-- expect: none
-- squawk-covered: none
-- The timeout comes first, so a blocked ALTER gives up in 2 s instead of stalling traffic.
SET lock_timeout = '2s';
SET statement_timeout = '60s';

ALTER TABLE conversations ADD COLUMN IF NOT EXISTS archived_at timestamptz;
