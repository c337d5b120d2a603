-- expect: update-without-where
-- squawk-covered: none
-- Rewrites every row in one statement (and one long transaction).
SET lock_timeout = '2s';
SET statement_timeout = '60s';

UPDATE users SET marketing_opt_in = false;
