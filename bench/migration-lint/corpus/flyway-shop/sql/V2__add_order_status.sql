-- expect: none
-- squawk-covered: none
-- Touches only a table created earlier in this file set (V1), so without a database it is
-- treated as new: the index and the lock need no special care.
ALTER TABLE orders ADD COLUMN status text NOT NULL DEFAULT 'new';

CREATE INDEX idx_orders_status ON orders (status);
