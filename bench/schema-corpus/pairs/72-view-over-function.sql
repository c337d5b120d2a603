-- pair: view-over-function
-- kind: function under view
-- common
CREATE TABLE prices (id int, cents int);
-- a
CREATE FUNCTION eur(c int) RETURNS numeric LANGUAGE sql IMMUTABLE AS 'SELECT c / 100.0';
CREATE VIEW v_prices AS SELECT id, eur(cents) AS eur FROM prices;
-- b
CREATE FUNCTION eur(c int) RETURNS numeric LANGUAGE sql IMMUTABLE AS 'SELECT round(c / 100.0, 2)';
CREATE VIEW v_prices AS SELECT id, eur(cents) AS eur FROM prices;
