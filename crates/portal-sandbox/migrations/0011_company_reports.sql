-- Why: the company's reports (list of numbers, registered devices, payments, Atlas Pro,
-- reconciliation) are requests like a block, but about the company, not a number: a request's
-- number becomes optional (SQLite changes a column's constraint only by rebuilding the table).
-- The file a finished report produced is kept in `reports`, for the e-mail and for
-- `GET /companies/{id}/reports/{request_id}/file`.

CREATE TABLE requests_new (
    id            TEXT PRIMARY KEY,
    company_id    INTEGER NOT NULL REFERENCES companies(id),
    admin_id      INTEGER NOT NULL REFERENCES admins(id),
    msisdn        TEXT    REFERENCES numbers(msisdn),   -- NULL for a company's report
    kind          TEXT    NOT NULL,
    state         TEXT    NOT NULL,   -- in_process, done, failed
    result        TEXT,
    created_at    TEXT    NOT NULL,
    complete_at   TEXT    NOT NULL,
    detail        TEXT,
    error         TEXT,
    completed_at  TEXT
) STRICT;

INSERT INTO requests_new (id, company_id, admin_id, msisdn, kind, state, result, created_at, complete_at, detail,
                          error, completed_at)
    SELECT id, company_id, admin_id, msisdn, kind, state, result, created_at, complete_at, detail, error, completed_at
    FROM requests;
DROP TABLE requests;
ALTER TABLE requests_new RENAME TO requests;

CREATE INDEX requests_due ON requests (state, complete_at);
CREATE INDEX requests_by_company ON requests (company_id, created_at);
CREATE INDEX requests_by_number ON requests (msisdn, created_at);

CREATE TABLE reports (
    request_id    TEXT    PRIMARY KEY REFERENCES requests(id),
    company_id    INTEGER NOT NULL REFERENCES companies(id),
    file_name     TEXT    NOT NULL,
    content_type  TEXT    NOT NULL,
    bytes         BLOB    NOT NULL,
    made_at       TEXT    NOT NULL
) STRICT;
