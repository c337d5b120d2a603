-- expect: none
-- squawk-covered: none
-- Quoted identifiers that look like keywords and hazards.
SET lock_timeout = '2s';
SET statement_timeout = '60s';

CREATE TABLE IF NOT EXISTS "DROP TABLE users" (
    "where" text,
    "NOT NULL" integer DEFAULT 0,
    "CONCURRENTLY" boolean DEFAULT false
);

ALTER TABLE "Accounts" ADD COLUMN IF NOT EXISTS "TRUNCATE" text;

INSERT INTO "DROP TABLE users" ("where") VALUES ('DELETE FROM x');
