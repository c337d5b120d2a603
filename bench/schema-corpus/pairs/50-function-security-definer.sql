-- pair: function-security-definer
-- kind: function
-- common

-- a
CREATE FUNCTION whoami() RETURNS text LANGUAGE sql STABLE AS 'SELECT current_user::text';
-- b
CREATE FUNCTION whoami() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS 'SELECT current_user::text';
