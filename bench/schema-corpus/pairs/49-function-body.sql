-- pair: function-body
-- kind: function
-- common

-- a
CREATE FUNCTION score(x int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT x * 2';
-- b
CREATE FUNCTION score(x int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT x * 3';
