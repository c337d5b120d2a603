-- expect: create-index-not-concurrently
-- squawk-covered: require-concurrent-index-creation
-- An index on users, which this set does not create: it blocks writes while it builds.
SET lock_timeout = '2s';

CREATE INDEX users_email_lower ON users (lower(email));
