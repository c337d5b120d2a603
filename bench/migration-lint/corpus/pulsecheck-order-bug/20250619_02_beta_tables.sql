-- expect: missing-lock-timeout
-- squawk-covered: require-lock-timeout
-- The tables the previous file needed, and a column on the existing users table.
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
