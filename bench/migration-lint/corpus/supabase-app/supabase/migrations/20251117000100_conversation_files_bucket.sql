-- expect: missing-lock-timeout
-- squawk-covered: require-lock-timeout
-- Seed 001's bucket and RLS policies on storage.objects. CREATE POLICY takes ACCESS
-- EXCLUSIVE on storage.objects, an existing and busy table, and no lock timeout is set.
insert into storage.buckets (id, name, public)
values ('conversation-files', 'conversation-files', false)
on conflict (id) do nothing;

create policy "Users upload to their raw folder"
on storage.objects for insert to authenticated
with check (
  bucket_id = 'conversation-files'
  and (storage.foldername(name))[1] = 'raw'
  and (storage.foldername(name))[2] = (select auth.uid()::text)
);

create policy "Users read their raw folder"
on storage.objects for select to authenticated
using (
  bucket_id = 'conversation-files'
  and (storage.foldername(name))[2] = (select auth.uid()::text)
);

create policy "Service role has full access"
on storage.objects for all to service_role
using (bucket_id = 'conversation-files');
