-- expect: drop-table, missing-lock-timeout
-- squawk-covered: ban-drop-table, require-lock-timeout
-- Seed 002's emergency rollback: CASCADE drops whatever depends on the table too.
DROP VIEW IF EXISTS beta_daily_metrics CASCADE;
DROP TABLE IF EXISTS user_tier_limits CASCADE;
