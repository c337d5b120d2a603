-- expect: missing-lock-timeout, create-index-not-concurrently
-- squawk-covered: require-lock-timeout, require-concurrent-index-creation
-- Seed 001's migration as pasted into the SQL editor: nine additive columns (re-runnable),
-- but no lock timeout and two indexes built without CONCURRENTLY on a live table.
-- Migration: Add raw response storage columns (Phase 2: zero data loss)

ALTER TABLE conversations
  ADD COLUMN IF NOT EXISTS raw_response_url TEXT,
  ADD COLUMN IF NOT EXISTS raw_response_path TEXT,
  ADD COLUMN IF NOT EXISTS raw_response_size BIGINT,
  ADD COLUMN IF NOT EXISTS raw_stored_at TIMESTAMPTZ,
  ADD COLUMN IF NOT EXISTS parse_attempts INTEGER DEFAULT 0,
  ADD COLUMN IF NOT EXISTS last_parse_attempt_at TIMESTAMPTZ,
  ADD COLUMN IF NOT EXISTS parse_error_message TEXT,
  ADD COLUMN IF NOT EXISTS parse_method_used TEXT,
  ADD COLUMN IF NOT EXISTS requires_manual_review BOOLEAN DEFAULT FALSE;

-- Manual review queue
CREATE INDEX IF NOT EXISTS idx_conversations_requires_review
  ON conversations(requires_manual_review)
  WHERE requires_manual_review = TRUE;

CREATE INDEX IF NOT EXISTS idx_conversations_parse_attempts
  ON conversations(parse_attempts);

COMMENT ON COLUMN conversations.raw_response_url IS 'Public URL of the raw Claude response in storage';
COMMENT ON COLUMN conversations.parse_method_used IS 'direct | jsonrepair | manual';
