-- pair: policy-changed
-- kind: policy
-- common
DO $$ BEGIN CREATE ROLE app_reader; EXCEPTION WHEN OTHERS THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE app_writer; EXCEPTION WHEN OTHERS THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE anon; EXCEPTION WHEN OTHERS THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE authenticated; EXCEPTION WHEN OTHERS THEN NULL; END $$;
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
-- a
CREATE POLICY own ON users FOR SELECT TO authenticated USING (email = current_user);
-- b
CREATE POLICY own ON users AS RESTRICTIVE FOR ALL TO authenticated, anon USING (email = current_user) WITH CHECK (email = current_user);
