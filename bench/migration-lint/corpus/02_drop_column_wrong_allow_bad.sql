-- expect: drop-column
-- squawk-covered: ban-drop-column
-- The allow comment names another rule, so the drop is still reported.
SET lock_timeout = '2s';
SET statement_timeout = '60s';

-- greenlight:allow drop-table
-- squawk-ignore ban-drop-table
ALTER TABLE orders DROP COLUMN IF EXISTS coupon_code;
