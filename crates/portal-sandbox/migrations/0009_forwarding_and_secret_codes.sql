-- Why: call forwarding and the secret code (issue 7, manual "Obtaining a secret code", FAQ 6).
-- A number's forwarding per kind (unconditional, busy, no_answer, unreachable); the target in
-- its kept form (kabinet_protocol::rules::forwarding), the delay for no_answer only.
CREATE TABLE forwardings (
    msisdn  TEXT NOT NULL REFERENCES numbers(msisdn),
    kind    TEXT NOT NULL,
    target  TEXT NOT NULL,
    delay_s INTEGER,
    set_at  TEXT NOT NULL,
    PRIMARY KEY (msisdn, kind)
) STRICT;

-- A number's secret code, as an Argon2 hash only: the code itself exists only in the SMS (the
-- outbox, in memory). Wrong tries in a row count against it; too many and it is deleted.
CREATE TABLE secret_codes (
    msisdn    TEXT PRIMARY KEY REFERENCES numbers(msisdn),
    code_hash TEXT NOT NULL,
    sent_at   TEXT NOT NULL,
    failures  INTEGER NOT NULL DEFAULT 0
) STRICT;

-- Sessions of code holders, apart from administrators' sessions (table `sessions`), so a code
-- session can never be read as an administrator's. Token as SHA-256, like `sessions`.
CREATE TABLE code_sessions (
    token_hash TEXT PRIMARY KEY,
    msisdn     TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
) STRICT;
CREATE INDEX code_sessions_by_msisdn ON code_sessions (msisdn);
CREATE INDEX code_sessions_by_expiry ON code_sessions (expires_at);
