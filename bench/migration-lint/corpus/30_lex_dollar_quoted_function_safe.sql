-- expect: none
-- squawk-covered: none
-- Dollar-quoted bodies (plain and tagged, one nested in another) hold statements that are
-- not run by the migration: nothing in them may be reported.
SET lock_timeout = '2s';
SET statement_timeout = '60s';

CREATE OR REPLACE FUNCTION purge_tenant(p_tenant bigint) RETURNS void
LANGUAGE plpgsql AS $fn$
DECLARE
    stmt text := $q$DROP TABLE IF EXISTS tenant_scratch; TRUNCATE tenant_cache;$q$;
BEGIN
    DROP TABLE IF EXISTS tenant_import_staging;
    TRUNCATE tenant_cache;
    DELETE FROM tenant_events;
    UPDATE tenants SET purged = true;
    ALTER TABLE tenant_events DROP COLUMN payload;
    EXECUTE stmt;
    RAISE NOTICE 'purged %; done', p_tenant;
END;
$fn$;

CREATE OR REPLACE FUNCTION cleanup_sql() RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT 'VACUUM FULL events; CLUSTER events;'::text
$$;
