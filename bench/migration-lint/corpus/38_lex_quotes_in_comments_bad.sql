-- expect: delete-without-where
-- squawk-covered: none
-- Things that open a string or a dollar quote only to a naive lexer: an apostrophe or $$ in
-- a comment, $$ in a string, an E'' string ending in an escaped backslash, an identifier
-- with $ in it. The DELETE at the end must still be seen as a statement of its own.
SET lock_timeout = '2s'; -- it's set first
SET statement_timeout = '60s';

/* don't touch the old rows; it's a one-off $$ cleanup */
-- costs $5 per run; see $$ notes
CREATE TABLE IF NOT EXISTS price_history (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    cost$usd$net integer,
    note text
);

INSERT INTO price_history (cost$usd$net, note)
VALUES (5, '$$; DROP TABLE price_history; $$'), (6, E'C:\\temp\\'), (7, 'it''s');

DELETE FROM audit_log;
