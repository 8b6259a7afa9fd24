-- Why: a bulk action (issue 9) must survive the app closing halfway: the run and one row per
-- number are kept here from the preview on, each number with the Idempotency-Key made for it
-- then, so a resumed run re-sends a number whose answer was lost with the SAME key (the portal
-- replays instead of acting twice) and never repeats a number already done. The run's counts
-- are kept on its row, updated with each item, so progress never counts a 100,000-row table.

CREATE TABLE bulk_runs (
    id              TEXT    PRIMARY KEY,
    portal          TEXT    NOT NULL,
    admin_phone     TEXT    NOT NULL,
    company_id      INTEGER NOT NULL,
    -- The action as JSON of `api::BulkAction` (`{"action": "service_on", "service": "…"}`).
    action          TEXT    NOT NULL,
    -- ready | running | paused | cancelled | finished
    state           TEXT    NOT NULL,
    total           INTEGER NOT NULL,
    skipped         INTEGER NOT NULL,
    done            INTEGER NOT NULL DEFAULT 0,
    failed          INTEGER NOT NULL DEFAULT 0,
    portal_checked  INTEGER NOT NULL,
    -- Set by `cancel` while a runner works: it starts no further number.
    cancel_asked    INTEGER NOT NULL DEFAULT 0,
    created_at      TEXT    NOT NULL,
    finished_at     TEXT
) STRICT;

CREATE INDEX bulk_runs_by_owner ON bulk_runs (portal, admin_phone, created_at);

CREATE TABLE bulk_items (
    run_id           TEXT    NOT NULL REFERENCES bulk_runs (id) ON DELETE CASCADE,
    position         INTEGER NOT NULL,
    -- The canonical number, or the line as written when it is not a number.
    msisdn           TEXT    NOT NULL,
    -- to_run | skipped | sending | done | failed
    state            TEXT    NOT NULL,
    -- Made at the preview for each number to run; none for a skipped one.
    idempotency_key  TEXT,
    code             TEXT,
    reason           TEXT,
    message          TEXT,
    request_id       TEXT,
    finished_at      TEXT,
    PRIMARY KEY (run_id, position)
) STRICT, WITHOUT ROWID;

-- The runner reads the next numbers still to do, in order.
CREATE INDEX bulk_items_to_do ON bulk_items (run_id, state, position);
