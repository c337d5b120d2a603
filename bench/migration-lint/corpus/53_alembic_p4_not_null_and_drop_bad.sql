-- expect: set-not-null, drop-column, missing-lock-timeout
-- squawk-covered: adding-not-nullable-field, ban-drop-column, require-lock-timeout
-- after: 50_alembic_p2_add_user_tool_history_safe.sql, 52_alembic_p3_alter_users_bad.sql
-- Shape of `alembic upgrade p3:p4 --sql`: op.execute backfill, op.alter_column(nullable=False),
-- op.drop_column.
BEGIN;

-- Running upgrade p3_user_premium -> p4_tool_history_cleanup

UPDATE user_tool_history SET execution_time_ms=0 WHERE user_tool_history.execution_time_ms IS NULL;

ALTER TABLE user_tool_history ALTER COLUMN execution_time_ms SET NOT NULL;

ALTER TABLE user_tool_history DROP COLUMN context;

UPDATE alembic_version SET version_num='p4_tool_history_cleanup' WHERE alembic_version.version_num = 'p3_user_premium';

COMMIT;
