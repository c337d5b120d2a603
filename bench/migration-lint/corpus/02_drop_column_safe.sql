-- expect: none
-- squawk-covered: none
-- Contract step of expand/contract: the code stopped reading the column a release ago.
-- Both tools' allow comments sit in the comment block before the statement; here
-- Greenlight's is the nearer one (in 01_drop_table_safe.sql squawk's is).
SET lock_timeout = '2s';
SET statement_timeout = '60s';

-- squawk-ignore ban-drop-column
-- greenlight:allow drop-column
ALTER TABLE users DROP COLUMN IF EXISTS legacy_avatar_url;
