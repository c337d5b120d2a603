-- expect: add-unique-without-index
-- squawk-covered: disallowed-unique-constraint
-- Builds the unique index under ACCESS EXCLUSIVE: reads and writes wait.
SET lock_timeout = '2s';
SET statement_timeout = '60s';

ALTER TABLE coupons ADD CONSTRAINT coupons_code_key UNIQUE (code);
