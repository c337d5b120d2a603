-- PulseCheck's schema as it was deployed: the views came first, in their own file.
CREATE OR REPLACE VIEW daily_moods AS
    SELECT user_id, date_trunc('day', created_at) AS day, avg(mood_score) AS mood
    FROM journal_entries
    GROUP BY user_id, date_trunc('day', created_at);
