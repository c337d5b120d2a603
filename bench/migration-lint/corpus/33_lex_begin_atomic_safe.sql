-- expect: none
-- squawk-covered: none
-- A SQL-standard function body (BEGIN ATOMIC ... END) contains semicolons; its statements
-- run when the function is called, not in the migration.
SET lock_timeout = '2s';
SET statement_timeout = '60s';

CREATE OR REPLACE FUNCTION reset_counter(p_id bigint) RETURNS void
LANGUAGE sql
BEGIN ATOMIC
    UPDATE counters SET n = 0;
    DELETE FROM counter_history;
    INSERT INTO counter_history (counter_id, reset_at) VALUES (p_id, now());
END;

SELECT reset_counter(0) WHERE false;
