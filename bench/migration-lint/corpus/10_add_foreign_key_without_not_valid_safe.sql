-- expect: none
-- squawk-covered: none
-- NOT VALID takes the lock only briefly; VALIDATE scans under SHARE UPDATE EXCLUSIVE.
SET lock_timeout = '2s';
SET statement_timeout = '60s';

ALTER TABLE orders
    ADD CONSTRAINT orders_customer_id_fkey
    FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;

ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_id_fkey;
