-- pair: identity-removed
-- kind: identity
-- common

-- a
CREATE TABLE items (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY);
-- b
CREATE TABLE items (id integer PRIMARY KEY);
