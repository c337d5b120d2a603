-- expect: create-index-not-concurrently
-- squawk-covered: require-concurrent-index-creation
-- A plain CREATE INDEX blocks writes to an existing table for the whole build.
SET lock_timeout = '2s';
SET statement_timeout = '0';

CREATE INDEX IF NOT EXISTS idx_orders_customer_id ON orders (customer_id);
