-- Seed 004's database just before the deploy: alembic at the previous revision, no user_tool_history yet.
CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY);
INSERT INTO alembic_version VALUES ('p1_add_collaboration');
CREATE TABLE workspaces (id serial PRIMARY KEY, name varchar(100) NOT NULL);
