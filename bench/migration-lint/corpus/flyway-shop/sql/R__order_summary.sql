-- expect: none
-- squawk-covered: none
-- Flyway repeatable migration: re-applied whenever it changes, so it must be re-runnable.
CREATE OR REPLACE VIEW order_summary AS
SELECT o.id, c.email, o.total_cents, o.status, o.placed_at
FROM orders o
JOIN customers c ON c.id = o.customer_id;
