-- expect: truncate
-- squawk-covered: ban-truncate-cascade
-- CASCADE also empties every table with a foreign key to this one.
SET lock_timeout = '2s';
SET statement_timeout = '60s';

TRUNCATE customers RESTART IDENTITY CASCADE;
