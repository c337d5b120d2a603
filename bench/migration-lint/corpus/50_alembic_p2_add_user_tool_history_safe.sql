-- expect: none
-- squawk-covered: none
-- Shape of `alembic upgrade p1_initial:p2_add_user_tool_history --sql` (seed 004): one
-- transaction, a new table and its six indexes, the alembic_version update.
BEGIN;

-- Running upgrade p1_initial -> p2_add_user_tool_history

CREATE TABLE user_tool_history (
    id SERIAL NOT NULL, 
    user_id VARCHAR(255) NOT NULL, 
    tool_name VARCHAR(100) NOT NULL, 
    success BOOLEAN NOT NULL, 
    execution_time_ms INTEGER, 
    error_message TEXT, 
    context JSONB, 
    created_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL, 
    PRIMARY KEY (id)
);

CREATE INDEX idx_user_tool_history_user_id ON user_tool_history (user_id);

CREATE INDEX idx_user_tool_history_tool_name ON user_tool_history (tool_name);

CREATE INDEX idx_user_tool_history_success ON user_tool_history (success);

CREATE INDEX idx_user_tool_history_created_at ON user_tool_history (created_at);

CREATE INDEX idx_user_tool_history_user_tool ON user_tool_history (user_id, tool_name);

CREATE INDEX idx_user_tool_history_user_created ON user_tool_history (user_id, created_at);

UPDATE alembic_version SET version_num='p2_add_user_tool_history' WHERE alembic_version.version_num = 'p1_initial';

COMMIT;
