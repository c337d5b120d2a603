-- pair: matview-changed
-- kind: materialized view
-- common
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
-- a
CREATE MATERIALIZED VIEW mv_emails AS SELECT email FROM users;
-- b
CREATE MATERIALIZED VIEW mv_emails AS SELECT lower(email) AS email FROM users;
CREATE INDEX mv_emails_email ON mv_emails (email);
