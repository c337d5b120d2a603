-- expect: none
-- squawk-covered: none
-- Add a column of the new type and backfill it in batches instead of rewriting in place.
SET lock_timeout = '2s';
SET statement_timeout = '60s';

ALTER TABLE invoices ADD COLUMN IF NOT EXISTS amount_exact numeric(12, 2);

UPDATE invoices
SET amount_exact = amount::numeric(12, 2)
WHERE amount_exact IS NULL
  AND id < 100000;
