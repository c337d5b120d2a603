-- expect: missing-lock-timeout
-- squawk-covered: require-lock-timeout
-- ALTER POLICY and DROP POLICY take ACCESS EXCLUSIVE on the table, like CREATE POLICY:
-- on a busy table they queue behind every open transaction and block all reads meanwhile.
SET statement_timeout = '60s';

DROP POLICY IF EXISTS "objects: public read" ON storage.objects;

CREATE POLICY "objects: owners read" ON storage.objects FOR SELECT TO authenticated
USING ((storage.foldername(name))[1] = (SELECT auth.uid()::text));
