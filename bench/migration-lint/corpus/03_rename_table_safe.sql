-- expect: none
-- squawk-covered: none
-- Expand step: the new name exists as a view over the old table until the code moves.
SET lock_timeout = '2s';
SET statement_timeout = '60s';

CREATE OR REPLACE VIEW suppliers AS
SELECT id, name, email, created_at
FROM vendors;
