-- pair: table-dropped
-- kind: table
-- common
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
-- a
CREATE TABLE old_stuff (id int);
-- b

