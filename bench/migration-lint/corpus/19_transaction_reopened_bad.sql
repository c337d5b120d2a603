-- expect: transaction-left-open
-- squawk-covered: ban-uncommitted-transaction
-- The first transaction commits; the second one is never closed.
BEGIN;
SET LOCAL lock_timeout = '2s';
ALTER TABLE members ADD COLUMN IF NOT EXISTS website text;
COMMIT;

BEGIN;
SET LOCAL lock_timeout = '2s';
ALTER TABLE members ADD COLUMN IF NOT EXISTS location text;
