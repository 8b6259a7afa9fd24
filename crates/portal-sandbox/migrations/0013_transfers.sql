-- Why: balance transfers between two numbers of a company (issue 9, manual "Balance transfer").
-- The numbers' balances are the truth; this table gives each transfer its id and keeps who
-- moved how much from which number to which, and when.
CREATE TABLE transfers (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    company_id  INTEGER NOT NULL REFERENCES companies(id),
    admin_id    INTEGER NOT NULL REFERENCES admins(id),
    from_msisdn TEXT NOT NULL REFERENCES numbers(msisdn),
    to_msisdn   TEXT NOT NULL REFERENCES numbers(msisdn),
    amount      INTEGER NOT NULL CHECK (amount > 0),
    at          TEXT NOT NULL
) STRICT;
CREATE INDEX transfers_by_company ON transfers (company_id, at);
