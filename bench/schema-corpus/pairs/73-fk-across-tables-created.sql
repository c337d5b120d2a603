-- pair: fk-across-tables-created
-- kind: foreign key order
-- common

-- a

-- b
CREATE TABLE b_child (id int PRIMARY KEY, parent_id int);
CREATE TABLE a_parent (id int PRIMARY KEY);
ALTER TABLE b_child ADD CONSTRAINT b_child_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES a_parent(id);
ALTER TABLE a_parent ADD COLUMN best_child int REFERENCES b_child(id);
