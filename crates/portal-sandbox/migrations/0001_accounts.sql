-- Why: administrators, the companies granted to them and their sessions are the base of every
-- other rule (an administrator sees only their own companies). Secrets are stored as hashes:
-- passwords with Argon2, session and reset tokens and one-time codes with SHA-256.

CREATE TABLE admins (
    id             INTEGER PRIMARY KEY,
    phone          TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    email          TEXT NOT NULL,
    password_hash  TEXT,               -- NULL until the account is activated
    activated      INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE companies (
    id    INTEGER PRIMARY KEY,
    name  TEXT NOT NULL,
    bin   TEXT NOT NULL UNIQUE
) STRICT;

CREATE TABLE grants (
    admin_id      INTEGER NOT NULL REFERENCES admins(id),
    company_id    INTEGER NOT NULL REFERENCES companies(id),
    position      INTEGER NOT NULL,
    display_name  TEXT,               -- NULL shows the company's own name
    PRIMARY KEY (admin_id, company_id)
) STRICT;

CREATE TABLE sessions (
    token_hash  TEXT PRIMARY KEY,
    admin_id    INTEGER NOT NULL REFERENCES admins(id),
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL         -- slides forward with every request
) STRICT;

-- Failed logins per phone number (known or not, so the answer never tells which).
CREATE TABLE login_failures (
    phone         TEXT PRIMARY KEY,
    failures      INTEGER NOT NULL,
    locked_until  TEXT
) STRICT;

CREATE TABLE recoveries (
    id                TEXT PRIMARY KEY,
    phone             TEXT NOT NULL,
    admin_id          INTEGER REFERENCES admins(id),   -- NULL for unknown numbers
    channel           TEXT NOT NULL,
    code_hash         TEXT NOT NULL,
    sent_at           TEXT NOT NULL,
    expires_at        TEXT NOT NULL,
    wrong_attempts    INTEGER NOT NULL DEFAULT 0,
    reset_token_hash  TEXT,
    state             TEXT NOT NULL                     -- sent, verified, done, dead
) STRICT;

CREATE TABLE outbox (
    id         INTEGER PRIMARY KEY,
    sent_at    TEXT NOT NULL,
    channel    TEXT NOT NULL,
    recipient  TEXT NOT NULL,
    body       TEXT NOT NULL
) STRICT;

-- The first answer to each Idempotency-Key, replayed for a retry with the same body.
CREATE TABLE idempotency (
    key          TEXT NOT NULL,
    scope        TEXT NOT NULL,   -- method, path and caller
    body_hash    TEXT NOT NULL,
    status       INTEGER NOT NULL,
    response     BLOB NOT NULL,
    created_at   TEXT NOT NULL,
    PRIMARY KEY (key, scope)
) STRICT;
