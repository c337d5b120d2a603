-- pair: fk-added-to-new-key
-- kind: foreign key order
-- common
CREATE TABLE accounts (id int NOT NULL, code text NOT NULL);
CREATE TABLE orders (id int PRIMARY KEY, account_code text);
-- a

-- b
ALTER TABLE accounts ADD CONSTRAINT accounts_code_key UNIQUE (code);
ALTER TABLE orders ADD CONSTRAINT orders_account_code_fkey FOREIGN KEY (account_code) REFERENCES accounts(code);
