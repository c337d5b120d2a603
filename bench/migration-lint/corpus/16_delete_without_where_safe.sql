-- expect: none
-- squawk-covered: none
-- Deletes only what has expired.
SET lock_timeout = '2s';
SET statement_timeout = '60s';

DELETE FROM password_reset_tokens
WHERE expires_at < now() - interval '1 day';

DELETE FROM sessions s
USING users u
WHERE s.user_id = u.id
  AND u.deleted_at IS NOT NULL;
