-- pair: partitioned-events-table
-- kind: real world
-- common
CREATE TABLE tenants (id int PRIMARY KEY);
-- a
CREATE TABLE events (id bigint, tenant_id int, at timestamptz, payload jsonb);
CREATE INDEX events_at ON events (at);
-- b
CREATE TABLE events (id bigint NOT NULL, tenant_id int REFERENCES tenants(id), at timestamptz NOT NULL, payload jsonb, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
CREATE TABLE events_2026_01 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2026-02-01');
CREATE TABLE events_2026_02 PARTITION OF events FOR VALUES FROM ('2026-02-01') TO ('2026-03-01');
CREATE TABLE events_default PARTITION OF events DEFAULT;
CREATE INDEX events_at ON events (at);
CREATE INDEX events_payload ON events USING gin (payload);
