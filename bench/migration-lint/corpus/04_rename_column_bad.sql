-- expect: rename-column
-- squawk-covered: renaming-column
-- The old name is gone the moment this commits; the running release still uses it.
SET lock_timeout = '2s';
SET statement_timeout = '60s';

ALTER TABLE journal_entries RENAME COLUMN mood_score TO mood_level;
