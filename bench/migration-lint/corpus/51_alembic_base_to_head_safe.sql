-- expect: none
-- squawk-covered: none
-- fixture: empty
-- Shape of `alembic upgrade head --sql` on an empty database: alembic_version is created,
-- every table is new, and the version row is inserted, then moved.
BEGIN;

CREATE TABLE alembic_version (
    version_num VARCHAR(32) NOT NULL, 
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

-- Running upgrade  -> p1_initial

CREATE TABLE users (
    id SERIAL NOT NULL, 
    email VARCHAR(320) NOT NULL, 
    display_name VARCHAR(120), 
    created_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL, 
    PRIMARY KEY (id), 
    UNIQUE (email)
);

INSERT INTO alembic_version (version_num) VALUES ('p1_initial') RETURNING alembic_version.version_num;

-- Running upgrade p1_initial -> p2_add_user_tool_history

CREATE TABLE user_tool_history (
    id SERIAL NOT NULL, 
    user_id VARCHAR(255) NOT NULL, 
    tool_name VARCHAR(100) NOT NULL, 
    success BOOLEAN NOT NULL, 
    created_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL, 
    PRIMARY KEY (id)
);

CREATE INDEX idx_user_tool_history_user_id ON user_tool_history (user_id);

UPDATE alembic_version SET version_num='p2_add_user_tool_history' WHERE alembic_version.version_num = 'p1_initial';

COMMIT;
