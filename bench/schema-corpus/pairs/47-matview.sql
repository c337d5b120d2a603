-- pair: matview
-- kind: materialized view
-- common
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
-- a

-- b
CREATE MATERIALIZED VIEW mv_counts AS SELECT count(*) AS n FROM users;
CREATE UNIQUE INDEX mv_counts_n ON mv_counts (n);
