-- expect: none
-- squawk-covered: none
-- The drop is deliberate: the table has been unread for two releases, so it is allowed
-- per statement (each tool's own suppression comment, both in the comment block before
-- the statement; squawk's is the nearer one here).
SET lock_timeout = '2s';
SET statement_timeout = '60s';

-- greenlight:allow drop-table
-- squawk-ignore ban-drop-table
DROP TABLE IF EXISTS legacy_sessions;
