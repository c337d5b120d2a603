-- expect: none
-- squawk-covered: none
-- Contract step of expand/contract: the code stopped reading the column a release ago.
SET lock_timeout = '2s';
SET statement_timeout = '60s';

-- greenlight:allow drop-column
-- squawk-ignore ban-drop-column
ALTER TABLE users DROP COLUMN IF EXISTS legacy_avatar_url;
