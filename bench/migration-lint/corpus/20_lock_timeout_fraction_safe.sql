-- expect: none
-- squawk-covered: none
-- Half a second is a limit, not zero: only a value of exactly 0 turns the timeout off.
SET lock_timeout TO '0.5s';
SET statement_timeout TO 60000;

ALTER TABLE jobs ADD COLUMN IF NOT EXISTS attempts integer;
