-- Why: requests that finish later (block, SIM replacement, IMEI registrations, reports) are
-- followed by one watcher until the portal completes them, which can take hours (IMEI: up to
-- 8). Keeping them here lets the watcher pick them up again after a restart, and the app show
-- them offline. One row per request of one administrator; `record` is the wire record (JSON).

CREATE TABLE requests (
    portal        TEXT    NOT NULL,
    admin_phone   TEXT    NOT NULL,
    id            TEXT    NOT NULL,
    company_id    INTEGER NOT NULL,
    msisdn        TEXT,
    kind          TEXT    NOT NULL,
    state         TEXT    NOT NULL,
    record        TEXT    NOT NULL,
    created_at    TEXT    NOT NULL,
    -- When the watcher asks the portal next, and how many times it has asked (its backoff).
    next_poll_at  TEXT    NOT NULL,
    polls         INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (portal, admin_phone, id)
) STRICT;

CREATE INDEX requests_open ON requests (portal, admin_phone, state, next_poll_at);
CREATE INDEX requests_by_number ON requests (portal, admin_phone, msisdn, created_at);
