-- expect: add-column-not-null-no-default
-- squawk-covered: adding-required-field
-- fails: contains null values
-- Fails outright on a table with rows, and breaks inserts of the running release.
SET lock_timeout = '2s';
SET statement_timeout = '60s';

ALTER TABLE accounts ADD COLUMN IF NOT EXISTS plan text NOT NULL;
