-- pair: sequence-owned-by
-- kind: sequence
-- common
CREATE TABLE tickets (n bigint);
CREATE SEQUENCE ticket_seq;
-- a

-- b
ALTER SEQUENCE ticket_seq OWNED BY tickets.n;
