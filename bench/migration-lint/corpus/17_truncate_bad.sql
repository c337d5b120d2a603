-- expect: truncate
-- squawk-covered: none
-- TRUNCATE takes ACCESS EXCLUSIVE and cannot be undone once committed.
SET lock_timeout = '2s';
SET statement_timeout = '60s';

TRUNCATE TABLE search_cache;
