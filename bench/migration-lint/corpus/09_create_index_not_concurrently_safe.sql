-- expect: none
-- squawk-covered: none
-- CONCURRENTLY, outside a transaction block, with no lock wait beyond the timeout.
SET lock_timeout = '2s';
SET statement_timeout = '0';

CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_orders_customer_id ON orders (customer_id);
