-- Views after the tables they read.
CREATE OR REPLACE VIEW daily_moods AS
    SELECT user_id, date_trunc('day', created_at) AS day, avg(mood_score) AS mood
    FROM journal_entries
    GROUP BY user_id, date_trunc('day', created_at);
