-- expect: none
-- squawk-covered: none
-- Build the index concurrently, then attach it as the constraint (a catalog change).
SET lock_timeout = '2s';
SET statement_timeout = '0';

CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS coupons_code_idx ON coupons (code);

ALTER TABLE coupons ADD CONSTRAINT coupons_code_key UNIQUE USING INDEX coupons_code_idx;
