-- pair: column-renamed
-- kind: rename
-- common
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
-- a
ALTER TABLE users ADD COLUMN mood_score int;
-- b
ALTER TABLE users ADD COLUMN mood_level int;
