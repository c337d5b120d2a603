-- expect: none
-- squawk-covered: none
-- Views and triggers after what they depend on.
SET lock_timeout = '2s';
SET statement_timeout = '60s';

CREATE OR REPLACE VIEW beta_daily_metrics AS
SELECT
    date_trunc('day', je.created_at) AS day,
    utl.tier,
    count(*) AS entries,
    avg(je.mood_score) AS avg_mood
FROM journal_entries je
JOIN user_tier_limits utl ON utl.user_id = je.user_id
GROUP BY 1, 2;

CREATE OR REPLACE TRIGGER trg_user_tier_limits_updated
    BEFORE UPDATE ON user_tier_limits
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();
