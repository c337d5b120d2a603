-- expect: vacuum-full-or-cluster
-- squawk-covered: none
-- VACUUM FULL rewrites the table under ACCESS EXCLUSIVE.
SET lock_timeout = '2s';
SET statement_timeout = '0';

VACUUM (FULL, ANALYZE) events;
