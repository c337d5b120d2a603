-- expect: none
-- squawk-covered: none
-- Remove old cache rows in a bounded batch instead.
SET lock_timeout = '2s';
SET statement_timeout = '60s';

DELETE FROM search_cache
WHERE id IN (
    SELECT id FROM search_cache
    WHERE cached_at < now() - interval '7 days'
    LIMIT 5000
);
