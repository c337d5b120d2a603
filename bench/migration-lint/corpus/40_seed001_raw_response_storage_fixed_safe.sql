-- expect: none
-- squawk-covered: none
-- Seed 001's nine-column migration written to be safe and re-runnable: timeout first,
-- every column IF NOT EXISTS with a constant default or none, indexes built concurrently.
SET lock_timeout = '2s';
SET statement_timeout = '0';

ALTER TABLE conversations
    ADD COLUMN IF NOT EXISTS raw_response_url text,
    ADD COLUMN IF NOT EXISTS raw_response_path text,
    ADD COLUMN IF NOT EXISTS raw_response_size bigint,
    ADD COLUMN IF NOT EXISTS raw_stored_at timestamptz,
    ADD COLUMN IF NOT EXISTS parse_attempts integer DEFAULT 0,
    ADD COLUMN IF NOT EXISTS last_parse_attempt_at timestamptz,
    ADD COLUMN IF NOT EXISTS parse_error_message text,
    ADD COLUMN IF NOT EXISTS parse_method_used text,
    ADD COLUMN IF NOT EXISTS requires_manual_review boolean DEFAULT false;

CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_conversations_requires_review
    ON conversations (requires_manual_review)
    WHERE requires_manual_review = true;

CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_conversations_parse_attempts
    ON conversations (parse_attempts);

COMMENT ON COLUMN conversations.raw_response_path IS 'Storage path raw/{user_id}/{conversation_id}.json';
