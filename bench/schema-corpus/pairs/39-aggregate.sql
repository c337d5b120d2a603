-- pair: aggregate
-- kind: aggregate
-- common
CREATE FUNCTION add_int(int, int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT $1 + $2';
-- a

-- b
CREATE AGGREGATE my_sum(int) (SFUNC = add_int, STYPE = int, INITCOND = '0');
