//! Work the portal does later: requests that are due complete. Completion is applied lazily,
//! before any read of numbers, companies or requests, so no background task is needed and a
//! moved test clock completes them at once.

use crate::db::{parse_ts, ts, ts_micros};
use crate::error::ApiResult;
use crate::state::AppState;

/// Completes every request that is due: the number takes its new state.
pub async fn complete_due(state: &AppState) -> ApiResult<()> {
    let now = state.clock.now();
    let due: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT id, msisdn, kind, complete_at FROM requests WHERE state = 'in_process' AND complete_at <= ?",
    )
    .bind(ts(now))
    .fetch_all(&state.db)
    .await?;
    for (id, msisdn, kind, complete_at) in due {
        let (new_state, result) = if kind == "block" { ("blocked", "Blocked") } else { ("active", "Unblocked") };
        let mut tx = state.db.begin().await?;
        sqlx::query("UPDATE numbers SET state = ?, state_changed_at = ?, updated_at = ? WHERE msisdn = ?")
            .bind(new_state)
            .bind(ts(parse_ts(&complete_at)))
            .bind(ts_micros(now))
            .bind(&msisdn)
            .execute(&mut *tx)
            .await?;
        sqlx::query("UPDATE requests SET state = 'done', result = ? WHERE id = ?")
            .bind(result)
            .bind(&id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
    }
    Ok(())
}
