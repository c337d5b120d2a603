-- A replica of seed 004's database where the migration stopped part-way: alembic still points at
-- the previous revision and only four of the six indexes were created.
CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY);
INSERT INTO alembic_version VALUES ('p1_add_collaboration');
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
INSERT INTO user_tool_history (user_id, tool_name, success, execution_time_ms, created_at)
SELECT 1 + g % 50, (ARRAY['web_search', 'calculator', 'code_runner'])[1 + g % 3], g % 7 <> 0, 5 + g % 40, now() - (g % 72 || ' hours')::interval
FROM generate_series(1, 5000) g;
ANALYZE user_tool_history;
