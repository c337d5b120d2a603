-- expect: none
-- squawk-covered: none
-- A stored generated column on a table this file creates: there are no rows to compute.
SET lock_timeout = '2s';
SET statement_timeout = '60s';

CREATE TABLE IF NOT EXISTS cart_lines (
    id bigint PRIMARY KEY,
    quantity bigint NOT NULL,
    unit_price_cents bigint NOT NULL
);

ALTER TABLE cart_lines ADD COLUMN IF NOT EXISTS total_cents bigint
  GENERATED ALWAYS AS (quantity * unit_price_cents) STORED;
