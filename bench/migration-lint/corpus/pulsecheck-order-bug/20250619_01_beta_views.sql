-- expect: depends-on-later-object
-- squawk-covered: none
-- fails: relation "user_tier_limits" does not exist
-- Seed 002's order bug: the view reads user_tier_limits, and the trigger calls a function,
-- both created only in the next file.
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
