-- expect: none
-- squawk-covered: none
-- The same policy change with a lock timeout first: it fails fast instead of queueing.
SET lock_timeout = '2s';
SET statement_timeout = '60s';

DROP POLICY IF EXISTS "objects: public read" ON storage.objects;

CREATE POLICY "objects: owners read" ON storage.objects FOR SELECT TO authenticated
USING ((storage.foldername(name))[1] = (SELECT auth.uid()::text));
