-- expect: drop-table
-- squawk-covered: ban-drop-table
-- The allow comment is separated from the DROP by a blank line and two statements: it
-- belongs to nothing, and the drop is reported.
-- greenlight:allow drop-table

SET lock_timeout = '2s';
SET statement_timeout = '60s'; -- greenlight:allow drop-table (a trailing comment is its own line's)
DROP TABLE IF EXISTS sessions;
