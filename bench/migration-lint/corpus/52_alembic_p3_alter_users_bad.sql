-- expect: change-column-type, create-index-not-concurrently, missing-lock-timeout
-- squawk-covered: changing-column-type, require-concurrent-index-creation, require-lock-timeout
-- after: 50_alembic_p2_add_user_tool_history_safe.sql
-- Shape of `alembic upgrade p2:p3 --sql` for op.add_column(server_default), op.alter_column(type_=BigInteger)
-- and op.create_index on an existing table.
BEGIN;

-- Running upgrade p2_add_user_tool_history -> p3_user_premium

ALTER TABLE users ADD COLUMN is_premium BOOLEAN DEFAULT false NOT NULL;

ALTER TABLE users ALTER COLUMN legacy_flags TYPE BIGINT;

CREATE INDEX ix_users_is_premium ON users (is_premium);

UPDATE alembic_version SET version_num='p3_user_premium' WHERE alembic_version.version_num = 'p2_add_user_tool_history';

COMMIT;
