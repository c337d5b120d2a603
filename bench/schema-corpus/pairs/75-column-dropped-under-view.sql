-- pair: column-dropped-under-view
-- kind: view dependency
-- common
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
ALTER TABLE users ADD COLUMN nickname text;
-- a
CREATE VIEW v_names AS SELECT id, nickname FROM users;
-- b
ALTER TABLE users DROP COLUMN nickname;
CREATE VIEW v_names AS SELECT id FROM users;
