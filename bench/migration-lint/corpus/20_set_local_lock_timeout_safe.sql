-- expect: none
-- squawk-covered: none
-- SET LOCAL inside the transaction counts too.
BEGIN;
SET LOCAL lock_timeout = '1500ms';
SET LOCAL statement_timeout = '60s';

ALTER TABLE conversations ADD COLUMN IF NOT EXISTS archived_at timestamptz;
ALTER TABLE conversations ADD COLUMN IF NOT EXISTS archived_by uuid;

COMMIT;
