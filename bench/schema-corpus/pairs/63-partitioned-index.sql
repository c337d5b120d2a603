-- pair: partitioned-index
-- kind: partition index
-- common
CREATE TABLE events (id bigint NOT NULL, at date NOT NULL, kind text) PARTITION BY RANGE (at);
CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
-- a

-- b
CREATE INDEX events_kind_idx ON events (kind);
