-- pair: view-definition
-- kind: view
-- common
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
-- a
CREATE VIEW v_users AS SELECT id FROM users;
-- b
CREATE VIEW v_users AS SELECT id, email FROM users;
