-- A replica of seed 001's database where requires_manual_review was once added by hand as text:
-- ADD COLUMN IF NOT EXISTS keeps the wrong type, and the migration's index on it fails.
CREATE SCHEMA storage;
CREATE TABLE storage.buckets (id text PRIMARY KEY, name text NOT NULL, public boolean NOT NULL DEFAULT false);
CREATE TABLE conversations (
    conversation_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    created_at timestamptz NOT NULL DEFAULT now(),
    processing_status text NOT NULL DEFAULT 'pending',
    raw_response_url text,
    raw_response_path text,
    raw_response_size bigint,
    raw_stored_at timestamptz,
    parse_attempts integer NOT NULL DEFAULT 0,
    parse_method_used text,
    requires_manual_review text NOT NULL DEFAULT 'no'
);
INSERT INTO conversations (created_at, processing_status, raw_response_url, raw_response_path, parse_method_used, requires_manual_review)
SELECT now() - (g || ' minutes')::interval, 'raw_stored', NULL, NULL,
       CASE WHEN g % 5 = 0 THEN 'repair' ELSE 'direct' END, CASE WHEN g <= 12 THEN 'yes' ELSE 'no' END
FROM generate_series(1, 60) g;
