-- expect: volatile-default-rewrite
-- squawk-covered: adding-field-with-default
-- clock_timestamp() is volatile (unlike now()), so this rewrites the table.
SET lock_timeout = '2s';
SET statement_timeout = '60s';

ALTER TABLE events ADD COLUMN IF NOT EXISTS ingested_at timestamptz DEFAULT clock_timestamp();
