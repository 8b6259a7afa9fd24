-- What changed in a company's numbers, found by comparing each sync with the list as it was
-- (`changes/detect.rs`): a number added or gone, a state, tariff change, a debt appearing, a
-- balance falling under the company's threshold. Written in the sync's own transaction, so a
-- sync that fails records nothing; each is a transition, so the next sync does not find it again.
-- Kept per portal, administrator and company like every cached row (migration 0003).

CREATE TABLE number_changes (
    id           INTEGER PRIMARY KEY,
    portal       TEXT    NOT NULL,
    admin_phone  TEXT    NOT NULL,
    company_id   INTEGER NOT NULL,
    msisdn       TEXT    NOT NULL,
    -- added, gone, state, tariff, debt, low_balance
    kind         TEXT    NOT NULL,
    before       TEXT    NOT NULL,
    after        TEXT    NOT NULL,
    -- The sync that found it.
    at           TEXT    NOT NULL
) STRICT;

CREATE INDEX number_changes_by_owner ON number_changes (portal, admin_phone, company_id, at);

-- The company's thresholds (its own; the defaults when it has no row).
CREATE TABLE change_rules (
    portal            TEXT    NOT NULL,
    admin_phone       TEXT    NOT NULL,
    company_id        INTEGER NOT NULL,
    low_balance_tiyn  INTEGER NOT NULL,
    PRIMARY KEY (portal, admin_phone, company_id)
) STRICT;
