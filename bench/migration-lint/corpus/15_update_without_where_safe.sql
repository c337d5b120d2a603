-- expect: none
-- squawk-covered: none
-- Bounded backfills: a WHERE on the batch, and an UPDATE ... FROM with its join condition.
SET lock_timeout = '2s';
SET statement_timeout = '60s';

UPDATE users
SET marketing_opt_in = false
WHERE marketing_opt_in IS NULL
  AND id BETWEEN 1 AND 10000;

WITH stale AS (
    SELECT id FROM jobs WHERE state = 'running' AND heartbeat_at < now() - interval '1 hour'
)
UPDATE jobs
SET state = 'failed'
FROM stale
WHERE jobs.id = stale.id;
