-- init_db(), as api/storage.py runs it on PostgreSQL.
CREATE TABLE IF NOT EXISTS users (
    id TEXT PRIMARY KEY,
    email TEXT UNIQUE NOT NULL,
    created_at TIMESTAMP DEFAULT NOW()
);
CREATE TABLE IF NOT EXISTS sessions (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TIMESTAMP DEFAULT NOW()
);
CREATE TABLE IF NOT EXISTS ps101_responses (
    id SERIAL PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    step INTEGER NOT NULL,
    response TEXT
);
CREATE TABLE IF NOT EXISTS user_contexts (
    user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    context_data JSONB NOT NULL,
    extracted_at TIMESTAMP DEFAULT NOW(),
    extraction_model TEXT DEFAULT 'claude-sonnet-4-20250514',
    extraction_prompt_version TEXT DEFAULT 'v1.0'
);
CREATE INDEX IF NOT EXISTS idx_contexts_extracted ON user_contexts (extracted_at);
