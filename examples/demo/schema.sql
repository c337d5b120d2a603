-- The demo service's schema; run.sh copies it to backups/ as the backup a real deploy takes first.
CREATE TABLE notes (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    body TEXT,
    created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
