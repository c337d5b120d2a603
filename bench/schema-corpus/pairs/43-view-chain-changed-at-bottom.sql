-- pair: view-chain-changed-at-bottom
-- kind: view chain
-- common
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
-- a
CREATE VIEW v1 AS SELECT id, email FROM users;
CREATE VIEW v2 AS SELECT id FROM v1;
CREATE VIEW v3 AS SELECT count(*) AS n FROM v2;
-- b
CREATE VIEW v1 AS SELECT id, email, length(email) AS len FROM users;
CREATE VIEW v2 AS SELECT id FROM v1;
CREATE VIEW v3 AS SELECT count(*) AS n FROM v2;
