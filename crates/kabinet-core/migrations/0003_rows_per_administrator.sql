-- Why: two administrators can use Kabinet on the same computer, and each may see only what the
-- portal grants them. `numbers`, `sync_state` and `number_cards` were keyed by portal alone, so
-- one administrator's cached list, sync state and number profiles were readable by the next
-- one signed in. Every row now carries the administrator (`admin_phone`, as in `companies`).
--
-- The old rows cannot be given an owner (nothing recorded who fetched them), and everything in
-- these tables can be rebuilt from the portal by the next sync or by opening a number again, so
-- they are dropped with their tables rather than migrated.

DROP TABLE number_cards;
DROP TABLE sync_state;
DROP INDEX numbers_by_position;
DROP INDEX numbers_by_msisdn;
DROP TABLE numbers;

CREATE TABLE numbers (
    portal            TEXT    NOT NULL,
    admin_phone       TEXT    NOT NULL,
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
    UNIQUE (portal, admin_phone, company_id, msisdn)
) STRICT;

CREATE INDEX numbers_by_position ON numbers (portal, admin_phone, company_id, position);
CREATE INDEX numbers_by_msisdn ON numbers (portal, admin_phone, msisdn);

CREATE TABLE sync_state (
    portal       TEXT    NOT NULL,
    admin_phone  TEXT    NOT NULL,
    company_id   INTEGER NOT NULL,
    watermark    TEXT    NOT NULL,
    synced_at    TEXT    NOT NULL,
    PRIMARY KEY (portal, admin_phone, company_id)
) STRICT;

CREATE TABLE number_cards (
    portal       TEXT NOT NULL,
    admin_phone  TEXT NOT NULL,
    msisdn       TEXT NOT NULL,
    part         TEXT NOT NULL,
    body         TEXT NOT NULL,
    fetched_at   TEXT NOT NULL,
    PRIMARY KEY (portal, admin_phone, msisdn, part)
) STRICT;
