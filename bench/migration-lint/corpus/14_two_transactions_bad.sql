-- expect: create-without-if-not-exists
-- squawk-covered: none
-- Two transactions in one file: when the second fails, the first is committed, and running
-- the file again stops at the first CREATE TABLE.
BEGIN;
SET LOCAL lock_timeout = '2s';
CREATE TABLE webhook_targets (id bigint PRIMARY KEY, url text NOT NULL);
COMMIT;

BEGIN;
SET LOCAL lock_timeout = '2s';
CREATE TABLE IF NOT EXISTS webhook_deliveries (id bigint PRIMARY KEY, target_id bigint NOT NULL);
COMMIT;
