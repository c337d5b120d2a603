-- expect: none
-- squawk-covered: none
-- One transaction from the first line to the last: run a second time it fails at the first
-- CREATE and rolls back as a whole, so nothing is half applied and IF NOT EXISTS adds nothing.
BEGIN;
SET LOCAL lock_timeout = '2s';

CREATE TABLE webhooks (
    id bigint PRIMARY KEY,
    url text NOT NULL
);

CREATE INDEX webhooks_url ON webhooks (url);

COMMIT;
