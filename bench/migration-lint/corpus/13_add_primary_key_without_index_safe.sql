-- expect: none
-- squawk-covered: none
-- id is already NOT NULL; the unique index is built concurrently and then promoted.
SET lock_timeout = '2s';
SET statement_timeout = '0';

CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS page_views_id_idx ON page_views (id);

ALTER TABLE page_views ADD CONSTRAINT page_views_pkey PRIMARY KEY USING INDEX page_views_id_idx;
