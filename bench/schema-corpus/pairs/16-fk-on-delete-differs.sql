-- pair: fk-on-delete-differs
-- kind: foreign key
-- common
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
-- a
CREATE TABLE notes (id int PRIMARY KEY, user_id bigint REFERENCES users(id));
-- b
CREATE TABLE notes (id int PRIMARY KEY, user_id bigint REFERENCES users(id) ON DELETE CASCADE);
