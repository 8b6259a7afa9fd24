//! Expiry of the tables that would otherwise only grow: sessions past their idle limit,
//! Idempotency-Key answers older than `Rules::idempotency_ttl`, recoveries long over, and
//! lockouts that have ended. Runs at start and then every [`EVERY`] in the background.
//!
//! Every row removed was already dead (an expired session answers 401, an old key is not
//! replayed, a lockout that ended locks nothing), so purging never changes an answer.

use crate::db::ts;
use crate::state::AppState;
use chrono::Duration;

/// How often the background purge runs.
pub const EVERY: std::time::Duration = std::time::Duration::from_secs(60);

/// A recovery is kept this long after it expired: its code can still be re-sent meanwhile.
const RECOVERY_KEPT: Duration = Duration::days(1);

/// Rows removed by one purge, per table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Purged {
    pub sessions: u64,
    pub idempotency: u64,
    pub recoveries: u64,
    pub lockouts: u64,
}

pub async fn run(state: &AppState) -> Result<Purged, sqlx::Error> {
    let _writer = state.write_lock.lock().await;
    let now = state.clock.now();
    let delete = |sql: &'static str, before: String| {
        let db = state.db.clone();
        async move { sqlx::query(sql).bind(before).execute(&db).await.map(|r| r.rows_affected()) }
    };
    Ok(Purged {
        sessions: delete("DELETE FROM sessions WHERE expires_at <= ?", ts(now)).await?
            + delete("DELETE FROM code_sessions WHERE expires_at <= ?", ts(now)).await?,
        idempotency: delete("DELETE FROM idempotency WHERE created_at <= ?", ts(now - state.rules.idempotency_ttl))
            .await?
            + state.secret_keys.purge(now - state.rules.idempotency_ttl),
        recoveries: delete("DELETE FROM recoveries WHERE expires_at <= ?", ts(now - RECOVERY_KEPT)).await?,
        // A lock that ended left failures at 0, the same as no row.
        lockouts: delete(
            "DELETE FROM login_failures WHERE locked_until IS NOT NULL AND locked_until <= ? AND failures = 0",
            ts(now),
        )
        .await?,
    })
}

/// Purges now and then every [`EVERY`] until the task is aborted.
pub fn spawn(state: AppState) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(EVERY);
        loop {
            every.tick().await;
            match run(&state).await {
                Ok(purged) => tracing::debug!(?purged, "purged expired rows"),
                Err(e) => tracing::warn!("purge of expired rows failed: {e}"),
            }
        }
    })
}
