-- Why: slow operations (block, unblock) are accepted with 202 and a request record that goes
-- from in_process to done or failed after a delay, as on the operator's side, and stay in the
-- request history.

CREATE TABLE requests (
    id           TEXT PRIMARY KEY,
    company_id   INTEGER NOT NULL REFERENCES companies(id),
    admin_id     INTEGER NOT NULL REFERENCES admins(id),
    msisdn       TEXT    NOT NULL REFERENCES numbers(msisdn),
    kind         TEXT    NOT NULL,   -- block, unblock
    state        TEXT    NOT NULL,   -- in_process, done, failed
    result       TEXT,
    created_at   TEXT    NOT NULL,
    complete_at  TEXT    NOT NULL
) STRICT;

CREATE INDEX requests_due ON requests (state, complete_at);
CREATE INDEX requests_by_company ON requests (company_id, created_at);
