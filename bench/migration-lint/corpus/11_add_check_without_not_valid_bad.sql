-- expect: add-check-without-not-valid
-- squawk-covered: constraint-missing-not-valid
-- The check is verified against every row while ACCESS EXCLUSIVE is held.
SET lock_timeout = '2s';
SET statement_timeout = '60s';

ALTER TABLE payments ADD CONSTRAINT payments_amount_positive CHECK (amount_cents > 0);
