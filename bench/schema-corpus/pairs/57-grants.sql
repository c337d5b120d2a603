-- pair: grants
-- kind: privileges
-- common
DO $$ BEGIN CREATE ROLE app_reader; EXCEPTION WHEN OTHERS THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE app_writer; EXCEPTION WHEN OTHERS THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE anon; EXCEPTION WHEN OTHERS THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE authenticated; EXCEPTION WHEN OTHERS THEN NULL; END $$;
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
-- a
GRANT SELECT ON users TO app_reader;
-- b
GRANT SELECT, INSERT ON users TO app_reader;
GRANT UPDATE (email) ON users TO app_writer;
GRANT USAGE ON SCHEMA public TO app_reader;
