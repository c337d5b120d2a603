-- expect: depends-on-later-object
-- squawk-covered: none
-- fails: relation "feature_flags" does not exist
-- The view is created before the table it reads (seed 002's order bug, in one file).
SET lock_timeout = '2s';
SET statement_timeout = '60s';

CREATE OR REPLACE VIEW active_feature_flags AS
SELECT key, enabled_at
FROM feature_flags
WHERE enabled;

CREATE TABLE IF NOT EXISTS feature_flags (
    key text PRIMARY KEY,
    enabled boolean NOT NULL DEFAULT false,
    enabled_at timestamptz
);
