-- expect: drop-column, missing-lock-timeout
-- squawk-covered: ban-drop-column, require-lock-timeout
-- Seed 001's "Option 2" rollback: drops the nine columns (data loss) with no lock timeout.
BEGIN;

-- Remove indexes
DROP INDEX IF EXISTS idx_conversations_requires_review;
DROP INDEX IF EXISTS idx_conversations_parse_attempts;

-- Remove columns
ALTER TABLE conversations
DROP COLUMN IF EXISTS raw_response_url,
DROP COLUMN IF EXISTS raw_response_path,
DROP COLUMN IF EXISTS raw_response_size,
DROP COLUMN IF EXISTS raw_stored_at,
DROP COLUMN IF EXISTS parse_attempts,
DROP COLUMN IF EXISTS last_parse_attempt_at,
DROP COLUMN IF EXISTS parse_error_message,
DROP COLUMN IF EXISTS parse_method_used,
DROP COLUMN IF EXISTS requires_manual_review;

COMMIT;
