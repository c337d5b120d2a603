-- expect: none
-- squawk-covered: none
-- NOT VALID now, VALIDATE afterwards without blocking writes.
SET lock_timeout = '2s';
SET statement_timeout = '60s';

ALTER TABLE payments ADD CONSTRAINT payments_amount_positive CHECK (amount_cents > 0) NOT VALID;

ALTER TABLE payments VALIDATE CONSTRAINT payments_amount_positive;
