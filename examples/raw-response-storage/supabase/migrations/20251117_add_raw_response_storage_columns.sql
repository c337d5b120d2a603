-- Seed 001, Prompt 2: raw response storage (zero data loss). Additive, and safe to run twice:
-- every statement guards itself, as the checklist's "IF NOT EXISTS" asks.
SET lock_timeout = '2s';

ALTER TABLE conversations
    ADD COLUMN IF NOT EXISTS raw_response_url text,
    ADD COLUMN IF NOT EXISTS raw_response_path text,
    ADD COLUMN IF NOT EXISTS raw_response_size bigint,
    ADD COLUMN IF NOT EXISTS raw_stored_at timestamptz,
    ADD COLUMN IF NOT EXISTS parse_attempts integer NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS last_parse_attempt_at timestamptz,
    ADD COLUMN IF NOT EXISTS parse_error_message text,
    ADD COLUMN IF NOT EXISTS parse_method_used text,
    ADD COLUMN IF NOT EXISTS requires_manual_review boolean NOT NULL DEFAULT false;

-- The review queue reads only the rows that wait for a person.
CREATE INDEX IF NOT EXISTS idx_conversations_manual_review
    ON conversations (created_at) WHERE requires_manual_review = true;

COMMENT ON COLUMN conversations.raw_response_path IS 'raw/{user_id}/{conversation_id}.json in the conversation-files bucket';
