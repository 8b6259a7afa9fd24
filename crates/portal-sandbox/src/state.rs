//! Shared state of the sandbox's handlers, and the operator's timings as one struct.

use crate::clock::Clock;
use chrono::Duration;
use sqlx::SqlitePool;
use std::sync::Arc;
use tokio::sync::{Mutex, Semaphore};

/// The operator's account rules. The defaults are the portal's; tests keep them and move the
/// clock instead.
#[derive(Debug, Clone)]
pub struct Rules {
    /// Failed logins in a row that lock the account.
    pub lockout_after: i64,
    pub lockout_for: Duration,
    /// A session ends after this long without a request.
    pub session_idle: Duration,
    pub code_ttl: Duration,
    pub code_resend_after: Duration,
    /// Wrong codes that kill a code.
    pub code_attempts: i64,
    /// How long a verified recovery may take to set the password.
    pub reset_ttl: Duration,
    /// How long slow operations (block, unblock) stay "In process".
    pub slow_operation: Duration,
    /// How long device (IMEI) registrations stay "In process". The operator says within 8
    /// hours; the demo answers in seconds so every path can be tried, and tests move the clock.
    pub imei_request: Duration,
    /// How long a company's e-mailed report is "being prepared" (the portal: "it may take
    /// some time"); the demo answers in seconds, tests move the clock.
    pub report: Duration,
    /// How long an Idempotency-Key's answer is kept for replay (then purged).
    pub idempotency_ttl: Duration,
    /// Password hashes (Argon2) computed at once; more sign-ins wait for a turn.
    pub max_concurrent_hashes: usize,
    /// How long a sign-in waits for a turn before it is answered 429 `rate_limited`.
    pub hash_wait: std::time::Duration,
    /// Sign-ins in flight from one address; more are answered 429 `rate_limited` at once.
    pub signins_per_peer: usize,
    /// A wrong password is answered this much later, holding its address's place meanwhile:
    /// a stream of failures slows down the one who sends it.
    pub failed_signin_delay: std::time::Duration,
    /// An artificial delay added to every `/api/v1` answer, after it is made (outside the
    /// writer lock), as a network's round trip would: benches show what bounds a bulk run.
    /// Zero unless a bench sets it.
    pub answer_latency: std::time::Duration,
}

impl Default for Rules {
    fn default() -> Self {
        Self {
            lockout_after: 5,
            lockout_for: Duration::minutes(15),
            session_idle: Duration::minutes(30),
            code_ttl: Duration::minutes(5),
            code_resend_after: Duration::seconds(60),
            code_attempts: 3,
            reset_ttl: Duration::minutes(10),
            slow_operation: Duration::seconds(4),
            imei_request: Duration::seconds(6),
            report: Duration::seconds(4),
            idempotency_ttl: Duration::hours(24),
            // Half the cores, so hashing never takes the CPU the other requests need.
            max_concurrent_hashes: std::thread::available_parallelism().map_or(1, |n| n.get().div_ceil(2)),
            hash_wait: std::time::Duration::from_secs(3),
            signins_per_peer: 3,
            failed_signin_delay: std::time::Duration::from_millis(300),
            answer_latency: std::time::Duration::ZERO,
        }
    }
}

#[derive(Clone)]
pub struct AppState {
    pub db: SqlitePool,
    pub clock: Clock,
    pub rules: Arc<Rules>,
    /// Serialises the database writes of state-changing requests (SQLite has one writer
    /// anyway, and handlers read then write). Never held while a password is hashed.
    pub write_lock: Arc<Mutex<()>>,
    /// Turns for Argon2 (`Rules::max_concurrent_hashes`), see `auth::hash_turn`.
    pub hashes: Arc<Semaphore>,
    /// Sign-ins in flight per client address (`Rules::signins_per_peer`).
    pub signin_peers: crate::peers::Peers,
    /// Requests in flight per Idempotency-Key, so a key's check-run-store is atomic.
    pub keys_in_flight: crate::idempotency::memory::InFlight,
    /// Idempotency keys of routes that carry secrets: in memory only.
    pub secret_keys: crate::idempotency::memory::SecretKeys,
    /// What the portal "sent": kept in memory only, never in the data folder (codes are secrets).
    pub outbox: crate::outbox::Outbox,
    /// SHA-256 of `Config::sandbox_secret`: `/sandbox/...` needs it when set.
    pub sandbox_secret_hash: Option<Arc<str>>,
    pub faults: crate::faults::Faults,
    /// The portal's own key (`portal_key.rs`): recovery codes and PIN/PUK are keyed with it.
    pub key: Arc<crate::portal_key::PortalKey>,
}

impl AppState {
    pub fn new(db: SqlitePool, clock: Clock, rules: Rules) -> Self {
        Self {
            db,
            clock,
            hashes: Arc::new(Semaphore::new(rules.max_concurrent_hashes.max(1))),
            rules: Arc::new(rules),
            write_lock: Arc::new(Mutex::new(())),
            signin_peers: Default::default(),
            keys_in_flight: Default::default(),
            secret_keys: Default::default(),
            outbox: Default::default(),
            sandbox_secret_hash: None,
            faults: Default::default(),
            key: Arc::new(crate::portal_key::PortalKey::random()),
        }
    }

    pub fn with_sandbox_secret(mut self, secret: Option<&str>) -> Self {
        self.sandbox_secret_hash = secret.map(|s| crate::digest::sha256_hex(s.as_bytes()).into());
        self
    }

    /// The data folder's key, instead of the random one `new` draws.
    pub fn with_key(mut self, key: crate::portal_key::PortalKey) -> Self {
        self.key = Arc::new(key);
        self
    }
}
