-- expect: none
-- squawk-covered: none
-- Constant and stable defaults (now() is stable) need no rewrite; a volatile default set
-- after the column exists applies to new rows only.
SET lock_timeout = '2s';
SET statement_timeout = '60s';

ALTER TABLE orders ADD COLUMN IF NOT EXISTS created_via text DEFAULT 'web';

ALTER TABLE orders ADD COLUMN IF NOT EXISTS imported_at timestamptz DEFAULT now();

ALTER TABLE orders ADD COLUMN IF NOT EXISTS public_id uuid;

ALTER TABLE orders ALTER COLUMN public_id SET DEFAULT gen_random_uuid();
