-- Tables before views: the seed's "safe migration order".
CREATE TABLE IF NOT EXISTS journal_entries (
    id bigserial PRIMARY KEY,
    user_id uuid NOT NULL,
    mood_score integer NOT NULL CHECK (mood_score BETWEEN 1 AND 10),
    created_at timestamptz NOT NULL DEFAULT now()
);
