-- expect: update-without-where
-- squawk-covered: none
-- The only WHERE is inside the subquery: the UPDATE itself still touches every account.
SET lock_timeout = '2s';
SET statement_timeout = '60s';

UPDATE accounts
SET balance_cents = (
    SELECT coalesce(sum(l.amount_cents), 0)
    FROM ledger_entries l
    WHERE l.account_id = accounts.id
);
