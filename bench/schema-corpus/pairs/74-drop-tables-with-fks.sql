-- pair: drop-tables-with-fks
-- kind: table
-- common

-- a
CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE c (id int PRIMARY KEY, p_id int REFERENCES p(id));
-- b

