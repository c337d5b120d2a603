-- expect: set-not-null
-- squawk-covered: adding-not-nullable-field
-- SET NOT NULL scans the whole table while holding ACCESS EXCLUSIVE.
SET lock_timeout = '2s';
SET statement_timeout = '60s';

ALTER TABLE users ALTER COLUMN email SET NOT NULL;
