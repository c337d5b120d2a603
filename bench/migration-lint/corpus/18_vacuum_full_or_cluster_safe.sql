-- expect: none
-- squawk-covered: none
-- A plain VACUUM (ANALYZE) runs beside reads and writes.
SET lock_timeout = '2s';
SET statement_timeout = '0';

VACUUM (ANALYZE) events;
