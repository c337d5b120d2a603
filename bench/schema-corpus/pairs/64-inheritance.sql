-- pair: inheritance
-- kind: inheritance
-- common
CREATE TABLE base_log (at timestamptz, msg text);
CREATE TABLE app_log (level int);
-- a

-- b
ALTER TABLE app_log ADD COLUMN at timestamptz, ADD COLUMN msg text;
ALTER TABLE app_log INHERIT base_log;
