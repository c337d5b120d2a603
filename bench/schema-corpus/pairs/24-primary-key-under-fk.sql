-- pair: primary-key-under-fk
-- kind: primary key
-- common
CREATE TABLE orgs (id int NOT NULL, region text NOT NULL);
CREATE TABLE teams (id int PRIMARY KEY, org_id int);
-- a
ALTER TABLE orgs ADD CONSTRAINT orgs_pkey PRIMARY KEY (id);
ALTER TABLE teams ADD CONSTRAINT teams_org_id_fkey FOREIGN KEY (org_id) REFERENCES orgs(id);
-- b
ALTER TABLE orgs ADD CONSTRAINT orgs_pkey PRIMARY KEY (id) WITH (fillfactor = 70);
ALTER TABLE teams ADD CONSTRAINT teams_org_id_fkey FOREIGN KEY (org_id) REFERENCES orgs(id);
