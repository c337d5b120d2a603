-- pair: domain-added
-- kind: domain
-- common

-- a

-- b
CREATE DOMAIN positive_int AS integer CHECK (VALUE > 0);
CREATE TABLE t (n positive_int);
