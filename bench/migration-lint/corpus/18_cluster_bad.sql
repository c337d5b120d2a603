-- expect: vacuum-full-or-cluster
-- squawk-covered: none
-- CLUSTER rewrites the table in index order under ACCESS EXCLUSIVE.
SET lock_timeout = '2s';
SET statement_timeout = '0';

CLUSTER events USING idx_events_created_at;
