-- The same database with the migration at head and all six indexes.
CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY);
INSERT INTO alembic_version VALUES ('p2_add_user_tool_history');
CREATE TABLE user_tool_history (
    id bigserial PRIMARY KEY,
    user_id integer NOT NULL,
    tool_name varchar(100) NOT NULL,
    success boolean NOT NULL,
    execution_time_ms integer,
    user_satisfaction smallint,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_user_tool_history_user_id ON user_tool_history (user_id);
CREATE INDEX idx_user_tool_history_tool_name ON user_tool_history (tool_name);
CREATE INDEX idx_user_tool_history_success ON user_tool_history (success);
CREATE INDEX idx_user_tool_history_created_at ON user_tool_history (created_at);
CREATE INDEX idx_user_tool_history_user_created ON user_tool_history (user_id, created_at);
CREATE INDEX idx_user_tool_history_metrics ON user_tool_history (tool_name, success, execution_time_ms);
INSERT INTO user_tool_history (user_id, tool_name, success, execution_time_ms, created_at)
SELECT 1 + g % 50, (ARRAY['web_search', 'calculator', 'code_runner'])[1 + g % 3], g % 7 <> 0, 5 + g % 40, now() - (g % 72 || ' hours')::interval
FROM generate_series(1, 5000) g;
ANALYZE user_tool_history;
