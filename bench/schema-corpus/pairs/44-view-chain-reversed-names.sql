-- pair: view-chain-reversed-names
-- kind: view chain
-- common
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
-- a

-- b
CREATE VIEW z_base AS SELECT id, email FROM users;
CREATE VIEW m_mid AS SELECT id FROM z_base;
CREATE VIEW a_top AS SELECT id FROM m_mid;
