-- pair: view-literal-newline
-- kind: view
-- common
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
-- a
CREATE VIEW v_lines AS SELECT id, 'a b' AS s FROM users;
-- b
CREATE VIEW v_lines AS SELECT id, 'a
b' AS s FROM users;
