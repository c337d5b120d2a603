-- expect: none
-- squawk-covered: none
-- A constant default: since PostgreSQL 11 this is a catalog change, no rewrite.
SET lock_timeout = '2s';
SET statement_timeout = '60s';

ALTER TABLE accounts ADD COLUMN IF NOT EXISTS plan text NOT NULL DEFAULT 'free';
