-- expect: set-not-null
-- squawk-covered: adding-not-nullable-field
-- The CHECK is added NOT VALID but never validated: SET NOT NULL cannot use it and still
-- scans the whole table under ACCESS EXCLUSIVE.
SET lock_timeout = '2s';
SET statement_timeout = '60s';

ALTER TABLE vendors ADD CONSTRAINT vendors_email_not_null CHECK (email IS NOT NULL) NOT VALID;

ALTER TABLE vendors ALTER COLUMN email SET NOT NULL;
