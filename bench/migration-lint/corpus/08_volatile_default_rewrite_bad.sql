-- expect: volatile-default-rewrite
-- squawk-covered: adding-field-with-default
-- gen_random_uuid() is volatile: every existing row gets its own value, so the table is rewritten.
SET lock_timeout = '2s';
SET statement_timeout = '60s';

ALTER TABLE orders ADD COLUMN IF NOT EXISTS public_id uuid NOT NULL DEFAULT gen_random_uuid();
