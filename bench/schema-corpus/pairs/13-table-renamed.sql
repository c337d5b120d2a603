-- pair: table-renamed
-- kind: rename
-- common

-- a
CREATE TABLE user_context (user_id text PRIMARY KEY, data jsonb NOT NULL);
-- b
CREATE TABLE user_contexts (user_id text PRIMARY KEY, data jsonb NOT NULL);
