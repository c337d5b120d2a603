-- The same database with the migration fully applied, the bucket in place, and healthy parsing.
CREATE SCHEMA storage;
CREATE TABLE storage.buckets (id text PRIMARY KEY, name text NOT NULL, public boolean NOT NULL DEFAULT false);
INSERT INTO storage.buckets (id, name, public) VALUES ('conversation-files', 'conversation-files', false);
CREATE TABLE conversations (
    conversation_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    created_at timestamptz NOT NULL DEFAULT now(),
    processing_status text NOT NULL DEFAULT 'pending',
    raw_response_url text,
    raw_response_path text,
    raw_response_size bigint,
    raw_stored_at timestamptz,
    parse_attempts integer NOT NULL DEFAULT 0,
    last_parse_attempt_at timestamptz,
    parse_error_message text,
    parse_method_used text,
    requires_manual_review boolean NOT NULL DEFAULT false
);
INSERT INTO conversations (created_at, processing_status, raw_response_url, raw_response_path, raw_stored_at, parse_method_used, requires_manual_review)
SELECT now() - (g || ' minutes')::interval, 'completed', 'https://storage.example/raw/u1/' || g || '.json', 'raw/u1/' || g || '.json', now(),
       CASE WHEN g = 40 THEN 'repair' ELSE 'direct' END, g <= 3
FROM generate_series(1, 60) g;
