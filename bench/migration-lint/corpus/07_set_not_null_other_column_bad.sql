-- expect: set-not-null
-- squawk-covered: adding-not-nullable-field
-- The validated CHECK covers vendors.email; SET NOT NULL is on vendors.name, which it
-- does not cover.
SET lock_timeout = '2s';
SET statement_timeout = '60s';

ALTER TABLE vendors ADD CONSTRAINT vendors_email_nn CHECK (email IS NOT NULL) NOT VALID;

ALTER TABLE vendors VALIDATE CONSTRAINT vendors_email_nn;

ALTER TABLE vendors ALTER COLUMN name SET NOT NULL;
