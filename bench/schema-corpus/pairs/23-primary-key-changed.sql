-- pair: primary-key-changed
-- kind: primary key
-- common
CREATE TABLE memberships (user_id int NOT NULL, org_id int NOT NULL);
-- a
ALTER TABLE memberships ADD PRIMARY KEY (user_id);
-- b
ALTER TABLE memberships ADD PRIMARY KEY (user_id, org_id);
