-- expect: add-primary-key-without-index
-- squawk-covered: adding-serial-primary-key-field
-- The primary key's index is built while the table is locked against everything.
SET lock_timeout = '2s';
SET statement_timeout = '60s';

ALTER TABLE page_views ADD PRIMARY KEY (id);
