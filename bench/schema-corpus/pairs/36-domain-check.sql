-- pair: domain-check
-- kind: domain
-- common

-- a
CREATE DOMAIN email AS text CHECK (VALUE LIKE '%@%');
-- b
CREATE DOMAIN email AS text NOT NULL DEFAULT 'x@y' CONSTRAINT email_check CHECK (VALUE ~ '^[^@]+@[^@]+$');
