-- expect: volatile-default-rewrite
-- squawk-covered: none
-- A serial column is a nextval() default: volatile, so every row is rewritten.
SET lock_timeout = '2s';
SET statement_timeout = '60s';

ALTER TABLE audit_log ADD COLUMN IF NOT EXISTS seq bigserial;
