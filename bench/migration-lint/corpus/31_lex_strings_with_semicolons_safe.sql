-- expect: none
-- squawk-covered: none
-- Semicolons and statement keywords inside string literals, E'' strings with escaped
-- quotes, doubled quotes, and a quoted identifier that contains a semicolon.
SET lock_timeout = '2s';
SET statement_timeout = '60s';

INSERT INTO app_settings (key, value) VALUES
    ('banner', 'Maintenance tonight; DROP TABLE users; -- not SQL'),
    ('motd', E'It\'s fine; TRUNCATE audit_log;\n-- still a string'),
    ('quote', 'He said ''DELETE FROM orders;'' and left'),
    ('path', 'C:\temp\; ALTER TABLE x DROP COLUMN y')
ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value;

INSERT INTO "odd;names" ("drop table", "truncate;") VALUES ('a', 'b');

SELECT 'UPDATE users SET admin = true' AS not_a_statement, "odd;names"."drop table"
FROM "odd;names"
WHERE "truncate;" = 'b';
