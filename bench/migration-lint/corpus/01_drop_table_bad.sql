-- expect: drop-table
-- squawk-covered: ban-drop-table
-- Drops a table the running release may still read.
SET lock_timeout = '2s';
SET statement_timeout = '60s';

DROP TABLE IF EXISTS legacy_sessions;
