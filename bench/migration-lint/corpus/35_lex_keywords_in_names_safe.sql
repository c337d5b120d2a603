-- expect: none
-- squawk-covered: none
-- Rule keywords appearing as parts of names, and a WHERE that comes after a comment line.
SET lock_timeout = '2s';
SET statement_timeout = '60s';

CREATE TABLE IF NOT EXISTS truncate_log (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    drop_reason text,
    deleted_at timestamptz,
    update_count integer NOT NULL DEFAULT 0
);

UPDATE truncate_log
SET update_count = update_count + 1
-- only the rows of the last run
WHERE deleted_at > now() - interval '1 hour';

DELETE
FROM truncate_log
WHERE drop_reason IS NULL;
