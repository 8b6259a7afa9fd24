-- Why: files the app makes or downloads (the payments report by number first; service delivery
-- certificates, invoices and the offline library next) must open offline, and belong to the
-- administrator who fetched them like every cached row. One row per file: what it is (kind,
-- number, period), when it was made, its name, its bytes, and the wire data it was made from
-- (`detail`, JSON) so the app can show it again without the portal.

CREATE TABLE documents (
    id            INTEGER PRIMARY KEY,
    portal        TEXT    NOT NULL,
    admin_phone   TEXT    NOT NULL,
    kind          TEXT    NOT NULL,
    msisdn        TEXT,
    period_from   TEXT,
    period_to     TEXT,
    file_name     TEXT    NOT NULL,
    content_type  TEXT    NOT NULL,
    bytes         BLOB    NOT NULL,
    detail        TEXT,
    created_at    TEXT    NOT NULL
) STRICT;

CREATE INDEX documents_by_number ON documents (portal, admin_phone, msisdn, kind, created_at);
