-- Why: the company's billing documents (certificate Р-1, invoices, reconciliation) name the
-- customer with its address and contract, and bill its numbers by personal account. The charges,
-- invoices and payments themselves are derived from the numbers and the month (src/billing/),
-- so no table holds them and every document agrees with every other.

ALTER TABLE companies ADD COLUMN address TEXT NOT NULL DEFAULT '';
ALTER TABLE companies ADD COLUMN contract_number TEXT NOT NULL DEFAULT '';
ALTER TABLE companies ADD COLUMN contract_date TEXT NOT NULL DEFAULT '2018-01-01';

-- A company's personal accounts, in the order the portal lists them.
CREATE TABLE billing_accounts (
    account     TEXT PRIMARY KEY,
    company_id  INTEGER NOT NULL REFERENCES companies(id),
    position    INTEGER NOT NULL
) STRICT;

CREATE INDEX billing_accounts_company ON billing_accounts (company_id, position);
CREATE INDEX numbers_account ON numbers (account);
