-- expect: none
-- squawk-covered: none
-- Seed 002's "safe schema deployment": a DO block decides at run time; its inner
-- statements are not separate statements of the file.
SET lock_timeout = '2s';
SET statement_timeout = '60s';

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM information_schema.tables WHERE table_name = 'journal_entries') THEN
        CREATE TABLE journal_entries (
            id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
            user_id uuid NOT NULL,
            content text NOT NULL,
            mood_level integer,
            created_at timestamptz NOT NULL DEFAULT now()
        );
    ELSE
        RAISE NOTICE 'journal_entries table already exists';
    END IF;

    IF NOT EXISTS (SELECT FROM information_schema.columns
                   WHERE table_name = 'users' AND column_name = 'is_premium') THEN
        ALTER TABLE users ADD COLUMN is_premium boolean NOT NULL DEFAULT false;
        RAISE NOTICE 'Added is_premium column to users table';
    END IF;
END $$;
