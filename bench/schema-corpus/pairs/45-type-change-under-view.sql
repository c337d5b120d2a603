-- pair: type-change-under-view
-- kind: view dependency
-- common
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
ALTER TABLE users ADD COLUMN score int;
-- a
CREATE VIEW v_scores AS SELECT id, score FROM users;
CREATE VIEW v_top AS SELECT id FROM v_scores WHERE score > 5;
-- b
ALTER TABLE users ALTER COLUMN score TYPE bigint;
CREATE VIEW v_scores AS SELECT id, score FROM users;
CREATE VIEW v_top AS SELECT id FROM v_scores WHERE score > 5;
