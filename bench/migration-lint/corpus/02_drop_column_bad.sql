-- expect: drop-column
-- squawk-covered: ban-drop-column
-- Drops a column the previous release still selects.
SET lock_timeout = '2s';
SET statement_timeout = '60s';

ALTER TABLE users DROP COLUMN IF EXISTS legacy_avatar_url;
