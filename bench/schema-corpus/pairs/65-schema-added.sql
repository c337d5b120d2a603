-- pair: schema-added
-- kind: schema
-- common
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
-- a

-- b
CREATE SCHEMA audit;
CREATE TABLE audit.events (id bigint PRIMARY KEY, user_id bigint REFERENCES public.users(id));
