-- Why: a company's mobile numbers with the figures of the portal's numbers list. Money is in
-- tiyn; NULL limits mean "no individual limit".

CREATE TABLE numbers (
    msisdn             TEXT PRIMARY KEY,
    company_id         INTEGER NOT NULL REFERENCES companies(id),
    account            TEXT NOT NULL,
    tariff             TEXT NOT NULL,
    payment_method     TEXT NOT NULL,   -- credit, advance
    state              TEXT NOT NULL,   -- active, blocked, in_process, blocked_debt
    state_changed_at   TEXT NOT NULL,
    individual_limit   INTEGER,
    available_funds    INTEGER,
    credit_limit       INTEGER NOT NULL,
    balance            INTEGER NOT NULL,  -- remaining credit limit / prepaid balance
    debt               INTEGER NOT NULL,
    updated_at         TEXT NOT NULL
) STRICT;

CREATE INDEX numbers_by_company ON numbers (company_id, msisdn);
