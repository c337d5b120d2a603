-- expect: transaction-left-open
-- squawk-covered: ban-uncommitted-transaction
-- BEGIN without COMMIT: the tool's session holds every lock until it disconnects.
BEGIN;
SET LOCAL lock_timeout = '2s';

ALTER TABLE members ADD COLUMN IF NOT EXISTS bio text;
