-- expect: create-without-if-not-exists
-- squawk-covered: prefer-robust-stmts
-- Shape of `supabase db diff` output: quoted names, a unique index promoted to the primary
-- key, a foreign key added NOT VALID then validated, grants. The CREATEs are not
-- re-runnable, and the file is applied outside a transaction.
create table "public"."personas" (
    "id" uuid not null default gen_random_uuid(),
    "user_id" uuid not null,
    "name" text not null,
    "traits" jsonb not null default '{}'::jsonb,
    "created_at" timestamp with time zone not null default now()
);

alter table "public"."personas" enable row level security;

CREATE UNIQUE INDEX personas_pkey ON public.personas USING btree (id);

alter table "public"."personas" add constraint "personas_pkey" PRIMARY KEY using index "personas_pkey";

alter table "public"."personas" add constraint "personas_user_id_fkey" FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE CASCADE not valid;

alter table "public"."personas" validate constraint "personas_user_id_fkey";

grant select on table "public"."personas" to "authenticated";

grant all on table "public"."personas" to "service_role";

create policy "Users manage their personas"
on "public"."personas"
as permissive
for all
to authenticated
using ((( SELECT auth.uid() AS uid) = user_id))
with check ((( SELECT auth.uid() AS uid) = user_id));
