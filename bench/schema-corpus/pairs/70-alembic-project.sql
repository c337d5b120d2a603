-- pair: alembic-project
-- kind: real world
-- common
CREATE TABLE alembic_version (version_num varchar(32) NOT NULL, CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num));
CREATE TABLE users (id text PRIMARY KEY, email varchar(255) NOT NULL UNIQUE, created_at timestamp DEFAULT now());
CREATE TABLE journal_entries (id serial PRIMARY KEY, user_id text NOT NULL REFERENCES users(id), mood_score int, body text);
INSERT INTO alembic_version VALUES ('a1');
-- a

-- b
CREATE TABLE user_contexts (user_id text PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE, context_data jsonb NOT NULL, extracted_at timestamp DEFAULT now());
CREATE INDEX idx_contexts_extracted ON user_contexts (extracted_at);
ALTER TABLE journal_entries ADD COLUMN deleted boolean NOT NULL DEFAULT false;
CREATE UNIQUE INDEX idx_journal_user_active ON journal_entries (user_id, id) WHERE NOT deleted;
CREATE VIEW active_entries AS SELECT id, user_id FROM journal_entries WHERE NOT deleted;
