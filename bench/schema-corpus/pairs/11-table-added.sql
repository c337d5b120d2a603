-- pair: table-added
-- kind: table
-- common
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
-- a

-- b
CREATE TABLE audit_log (id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now());
