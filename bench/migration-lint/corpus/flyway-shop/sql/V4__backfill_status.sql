-- expect: update-without-where
-- squawk-covered: none
-- A backfill that forgot its WHERE: every order, in one transaction.
UPDATE orders SET status = 'legacy';

DELETE FROM order_items WHERE quantity = 0;
