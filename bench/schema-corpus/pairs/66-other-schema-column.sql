-- pair: other-schema-column
-- kind: schema
-- common
CREATE SCHEMA billing;
CREATE TABLE billing.invoices (id int PRIMARY KEY);
-- a

-- b
ALTER TABLE billing.invoices ADD COLUMN total numeric(12,2) NOT NULL DEFAULT 0;
CREATE INDEX invoices_total_idx ON billing.invoices (total);
