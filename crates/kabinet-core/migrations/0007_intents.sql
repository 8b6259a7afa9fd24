-- Why: an action the user confirmed must be sent once. Its Idempotency-Key is made when the
-- user confirms and written here, with the request, BEFORE anything is sent; every retry (a
-- double click, a timeout, a re-login, a crash and restart) sends the same request with the same
-- key, and the portal replays its first answer. The row is deleted when the portal's answer is
-- received. A row left over at start is an action that may not have completed (`crate::intents`).
-- Bodies never carry secrets (password changes are not kept here).

CREATE TABLE intents (
    portal       TEXT NOT NULL,
    admin_phone  TEXT NOT NULL,
    key          TEXT NOT NULL,
    -- What the user did (`transfer`, `block`, `ban_set`, ...), for the notice at start.
    action       TEXT NOT NULL,
    msisdn       TEXT,
    -- The request: method, path, JSON body (`client::Call`), as one JSON text.
    call         TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    PRIMARY KEY (portal, admin_phone, key),
    -- The same request while one is unanswered is the same intent again: one key.
    UNIQUE (portal, admin_phone, call)
) STRICT;
