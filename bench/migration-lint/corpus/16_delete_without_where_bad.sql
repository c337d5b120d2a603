-- expect: delete-without-where
-- squawk-covered: none
-- Empties the table row by row, holding locks on all of them.
SET lock_timeout = '2s';
SET statement_timeout = '60s';

DELETE FROM password_reset_tokens;
