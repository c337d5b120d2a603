-- expect: rename-table
-- squawk-covered: renaming-table
-- Renaming breaks every query of the release that is still running.
SET lock_timeout = '2s';
SET statement_timeout = '60s';

ALTER TABLE vendors RENAME TO suppliers;
