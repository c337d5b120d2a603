-- expect: none
-- squawk-covered: none
-- Every CREATE can run a second time.
SET lock_timeout = '2s';
SET statement_timeout = '60s';

CREATE SCHEMA IF NOT EXISTS billing;

CREATE TABLE IF NOT EXISTS billing.subscriptions (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id bigint NOT NULL,
    renews_at timestamptz
);

CREATE INDEX IF NOT EXISTS idx_subscriptions_account ON billing.subscriptions (account_id);

CREATE EXTENSION IF NOT EXISTS pgcrypto;

CREATE SEQUENCE IF NOT EXISTS billing.invoice_numbers START 1000;
