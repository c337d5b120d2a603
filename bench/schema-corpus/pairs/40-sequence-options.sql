-- pair: sequence-options
-- kind: sequence
-- common

-- a
CREATE SEQUENCE invoice_no START 1000;
-- b
CREATE SEQUENCE invoice_no START 1000 INCREMENT 10 MAXVALUE 999999 CYCLE;
