-- expect: none
-- squawk-covered: none
-- Seed 002's fixed order: tables and functions first, with a lock timeout before the ALTER.
SET lock_timeout = '2s';
SET statement_timeout = '60s';

CREATE TABLE IF NOT EXISTS user_tier_limits (
    user_id uuid PRIMARY KEY,
    tier text NOT NULL DEFAULT 'free',
    daily_ai_requests integer NOT NULL DEFAULT 10,
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE OR REPLACE FUNCTION update_updated_at_column() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at = now();
    RETURN NEW;
END;
$$;

ALTER TABLE users ADD COLUMN IF NOT EXISTS is_premium boolean DEFAULT false;
