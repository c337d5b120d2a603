-- pair: index-brin
-- kind: index method
-- common
CREATE TABLE events (at timestamptz NOT NULL, v int);
-- a

-- b
CREATE INDEX idx_events_at ON events USING brin (at);
