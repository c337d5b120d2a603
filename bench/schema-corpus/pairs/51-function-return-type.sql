-- pair: function-return-type
-- kind: function
-- common

-- a
CREATE FUNCTION answer() RETURNS int LANGUAGE sql AS 'SELECT 42';
-- b
CREATE FUNCTION answer() RETURNS bigint LANGUAGE sql AS 'SELECT 42::bigint';
