-- expect: none
-- squawk-covered: none
-- Statements inside line comments and nested block comments are not statements.
SET lock_timeout = '2s';
SET statement_timeout = '60s';

-- DROP TABLE users;
-- ALTER TABLE users DROP COLUMN email;
/* Old approach, kept for the record:
   TRUNCATE sessions;
   /* nested: DELETE FROM sessions; UPDATE users SET x = 1; */
   VACUUM FULL sessions;
*/
INSERT INTO schema_notes (note) VALUES ('comments are not statements'); -- DROP TABLE schema_notes;

/* ALTER TABLE users RENAME TO people; */ SELECT 1; -- TRUNCATE users;
