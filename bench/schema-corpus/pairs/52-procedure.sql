-- pair: procedure
-- kind: procedure
-- common
CREATE TABLE counters (n int);
-- a

-- b
CREATE PROCEDURE bump() LANGUAGE sql AS 'UPDATE counters SET n = n + 1';
