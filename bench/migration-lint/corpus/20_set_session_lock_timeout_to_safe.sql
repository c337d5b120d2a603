-- expect: none
-- squawk-covered: none
-- The other spellings of the same setting: SET SESSION ... TO, and a unit in the value.
SET SESSION lock_timeout TO '3s';
SET statement_timeout TO 60000;

ALTER TABLE conversations ADD COLUMN IF NOT EXISTS archived_reason text;
