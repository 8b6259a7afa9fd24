-- Why: the profile and the companies granted to an administrator stay readable offline.
-- Every row carries the portal it came from and the time it was fetched, so the UI can say
-- "as of ..." and two portals (demo and production) never mix.

CREATE TABLE profile (
    portal      TEXT NOT NULL,
    phone       TEXT NOT NULL,
    name        TEXT NOT NULL,
    email       TEXT NOT NULL,
    fetched_at  TEXT NOT NULL,
    PRIMARY KEY (portal, phone)
) STRICT;

CREATE TABLE companies (
    portal           TEXT    NOT NULL,
    admin_phone      TEXT    NOT NULL,
    id               INTEGER NOT NULL,
    position         INTEGER NOT NULL,
    name             TEXT    NOT NULL,
    bin              TEXT    NOT NULL,
    display_name     TEXT    NOT NULL,
    numbers_total    INTEGER NOT NULL,
    numbers_active   INTEGER NOT NULL,
    numbers_blocked  INTEGER NOT NULL,
    fetched_at       TEXT    NOT NULL,
    PRIMARY KEY (portal, admin_phone, id)
) STRICT;
