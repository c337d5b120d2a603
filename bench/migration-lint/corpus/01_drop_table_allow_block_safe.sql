-- expect: none
-- squawk-covered: none
-- The allow comment opens a comment block that explains it; the statement follows the block.
SET lock_timeout = '2s';
SET statement_timeout = '60s';

-- greenlight:allow drop-table
-- password_reset_tokens moved to the auth service in 2025.10 (ticket OPS-412);
-- nothing in this code base reads it since release 41.
-- squawk-ignore ban-drop-table
DROP TABLE IF EXISTS password_reset_tokens;
