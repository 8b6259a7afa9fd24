//! Shared state of the sandbox's handlers, and the operator's timings as one struct.

use crate::clock::Clock;
use chrono::Duration;
use sqlx::SqlitePool;
use std::sync::Arc;
use tokio::sync::Mutex;

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
        }
    }
}

#[derive(Clone)]
pub struct AppState {
    pub db: SqlitePool,
    pub clock: Clock,
    pub rules: Arc<Rules>,
    /// Serialises state-changing requests: SQLite has one writer anyway, and it makes the
    /// idempotency check-run-store sequence atomic.
    pub write_lock: Arc<Mutex<()>>,
    pub faults: crate::faults::Faults,
}

impl AppState {
    pub fn new(db: SqlitePool, clock: Clock, rules: Rules) -> Self {
        Self { db, clock, rules: Arc::new(rules), write_lock: Arc::new(Mutex::new(())), faults: Default::default() }
    }
}
