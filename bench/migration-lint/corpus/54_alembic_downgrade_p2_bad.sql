-- expect: drop-table, missing-lock-timeout
-- squawk-covered: ban-drop-table, require-lock-timeout
-- after: 50_alembic_p2_add_user_tool_history_safe.sql
-- Shape of `alembic downgrade p2_add_user_tool_history:p1_initial --sql` (seed 004's rollback).
BEGIN;

-- Running downgrade p2_add_user_tool_history -> p1_initial

DROP INDEX idx_user_tool_history_user_created;

DROP INDEX idx_user_tool_history_user_tool;

DROP INDEX idx_user_tool_history_user_id;

DROP TABLE user_tool_history;

UPDATE alembic_version SET version_num='p1_initial' WHERE alembic_version.version_num = 'p2_add_user_tool_history';

COMMIT;
