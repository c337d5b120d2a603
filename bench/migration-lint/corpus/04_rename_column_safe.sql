-- expect: none
-- squawk-covered: none
-- Expand step: add the new column and backfill it in bounded batches; the old one stays.
SET lock_timeout = '2s';
SET statement_timeout = '60s';

ALTER TABLE journal_entries ADD COLUMN IF NOT EXISTS mood_level integer;

UPDATE journal_entries
SET mood_level = mood_score
WHERE mood_level IS NULL
  AND id BETWEEN 1 AND 50000;
