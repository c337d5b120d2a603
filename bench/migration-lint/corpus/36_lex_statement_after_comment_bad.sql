-- expect: drop-column, update-without-where
-- squawk-covered: ban-drop-column
-- Real statements that share a line with comments and strings must still be seen.
SET lock_timeout = '2s'; SET statement_timeout = '60s';

/* cleanup */ ALTER TABLE users DROP COLUMN IF EXISTS legacy_flags; -- removed in v42
SELECT ';'; UPDATE users SET tz = 'UTC'; -- every row
