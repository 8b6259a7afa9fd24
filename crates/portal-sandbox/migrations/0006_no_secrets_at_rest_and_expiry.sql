-- Why: the sandbox's data folder held live secrets in clear, and two tables only grew.
-- Keys of requests and answers that carry secrets (sign-in, recovery, password change) are kept
-- in memory only now (src/idempotency.rs, SecretKeys).
-- Replay answers matter for seconds; the rows before this held bearer and reset tokens.
DELETE FROM idempotency;
-- Messages with one-time codes live in memory only now (src/outbox.rs).
DROP TABLE outbox;
-- For the purge of expired rows (src/purge.rs).
CREATE INDEX idempotency_by_created ON idempotency (created_at);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);
CREATE INDEX recoveries_by_expiry ON recoveries (expires_at);
