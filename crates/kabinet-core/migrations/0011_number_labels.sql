-- Who uses each number, as the administrator records it: the employee, the department, the cost
-- centre (code and name) and free tags. Local only: never sent to the portal, and like every
-- cached row kept per portal, administrator and company, so one administrator never reads
-- another's labels.
--
-- `label_changes` is the undo log: each import or edit of several numbers is one change, with
-- every touched number's label as it was before (`before_json` NULL: it had none). Undo restores
-- those in one transaction; only the latest change not yet undone can be undone, so an undo
-- never overwrites a later change.

CREATE TABLE number_labels (
    portal            TEXT    NOT NULL,
    admin_phone       TEXT    NOT NULL,
    company_id        INTEGER NOT NULL,
    msisdn            TEXT    NOT NULL,
    employee          TEXT    NOT NULL,
    department        TEXT    NOT NULL,
    cost_centre_code  TEXT    NOT NULL,
    cost_centre_name  TEXT    NOT NULL,
    -- A JSON array of strings.
    tags              TEXT    NOT NULL,
    -- What the list's search finds the number by, lower-cased in Rust (SQLite's lower() is
    -- ASCII only): `Label::search_text`.
    search            TEXT    NOT NULL,
    updated_at        TEXT    NOT NULL,
    PRIMARY KEY (portal, admin_phone, company_id, msisdn)
) STRICT;

CREATE TABLE label_changes (
    id           INTEGER PRIMARY KEY,
    portal       TEXT    NOT NULL,
    admin_phone  TEXT    NOT NULL,
    company_id   INTEGER NOT NULL,
    -- 'import' (with the file's name in `source`) or 'edit'.
    kind         TEXT    NOT NULL,
    source       TEXT    NOT NULL,
    numbers      INTEGER NOT NULL,
    applied_at   TEXT    NOT NULL,
    undone_at    TEXT
) STRICT;

CREATE INDEX label_changes_by_owner ON label_changes (portal, admin_phone, company_id, id);

CREATE TABLE label_change_rows (
    change_id    INTEGER NOT NULL REFERENCES label_changes (id) ON DELETE CASCADE,
    msisdn       TEXT    NOT NULL,
    before_json  TEXT,
    PRIMARY KEY (change_id, msisdn)
) STRICT;
