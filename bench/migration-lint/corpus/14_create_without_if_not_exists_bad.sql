-- expect: create-without-if-not-exists
-- squawk-covered: prefer-robust-stmts
-- Not wrapped in a transaction: if it fails half way, the re-run stops at the first CREATE.
SET lock_timeout = '2s';
SET statement_timeout = '60s';

CREATE SCHEMA billing;

CREATE TABLE billing.subscriptions (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id bigint NOT NULL,
    renews_at timestamptz
);

CREATE INDEX idx_subscriptions_account ON billing.subscriptions (account_id);
