-- expect: none
-- squawk-covered: none
-- One transaction, closed.
BEGIN;
SET LOCAL lock_timeout = '2s';

ALTER TABLE members ADD COLUMN IF NOT EXISTS bio text;

COMMIT;
