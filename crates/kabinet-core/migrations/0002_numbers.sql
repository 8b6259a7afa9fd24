-- Why: the numbers list of each company stays readable and searchable offline, at 100,000
-- numbers. `position` is the row's index in msisdn order within its company, so a window of the
-- unfiltered list is an index range, not an OFFSET scan. `search` is the lower-cased text that
-- the in-memory search index (cache/search.rs) scans for substrings.

CREATE TABLE numbers (
    portal            TEXT    NOT NULL,
    company_id        INTEGER NOT NULL,
    msisdn            TEXT    NOT NULL,
    position          INTEGER NOT NULL,
    account           TEXT    NOT NULL,
    tariff            TEXT    NOT NULL,
    payment_method    TEXT    NOT NULL,
    state             TEXT    NOT NULL,
    state_changed_at  TEXT    NOT NULL,
    individual_limit  INTEGER,
    available_funds   INTEGER,
    credit_limit      INTEGER NOT NULL,
    balance           INTEGER NOT NULL,
    debt              INTEGER NOT NULL,
    updated_at        TEXT    NOT NULL,
    fetched_at        TEXT    NOT NULL,
    search            TEXT    NOT NULL,
    UNIQUE (portal, company_id, msisdn)
) STRICT;

CREATE INDEX numbers_by_position ON numbers (portal, company_id, position);
CREATE INDEX numbers_by_msisdn ON numbers (msisdn);

-- Where each company's sync stands: the portal time to ask `updated_since` next.
CREATE TABLE sync_state (
    portal      TEXT    NOT NULL,
    company_id  INTEGER NOT NULL,
    watermark   TEXT    NOT NULL,
    synced_at   TEXT    NOT NULL,
    PRIMARY KEY (portal, company_id)
) STRICT;

-- The parts of a number profile (detail, allowances, services) as last fetched, as JSON of
-- the wire types. PIN and PUK codes are never part of them.
CREATE TABLE number_cards (
    portal      TEXT NOT NULL,
    msisdn      TEXT NOT NULL,
    part        TEXT NOT NULL,
    body        TEXT NOT NULL,
    fetched_at  TEXT NOT NULL,
    PRIMARY KEY (portal, msisdn, part)
) STRICT;
