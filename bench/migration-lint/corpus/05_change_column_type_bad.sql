-- expect: change-column-type
-- squawk-covered: changing-column-type
-- Changing the type rewrites the table under ACCESS EXCLUSIVE.
SET lock_timeout = '2s';
SET statement_timeout = '60s';

ALTER TABLE invoices ALTER COLUMN amount TYPE numeric(12, 2) USING amount::numeric(12, 2);
