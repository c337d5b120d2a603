-- expect: volatile-default-rewrite
-- squawk-covered: adding-field-with-default
-- A stored generated column is computed for every existing row: a full rewrite, like a volatile default.
SET lock_timeout = '2s';
SET statement_timeout = '60s';

ALTER TABLE line_items ADD COLUMN IF NOT EXISTS total_cents bigint
  GENERATED ALWAYS AS (quantity * unit_price_cents) STORED;
