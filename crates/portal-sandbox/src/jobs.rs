//! Work the portal does later: requests that are due complete. By time, in the background
//! ([`spawn`]: every [`TICK`]), so a report is e-mailed when it is ready even if nobody asks, and
//! before every API request ([`complete_first`]), so every view, report and the actions history
//! see the same state at once, also right after a test moved the clock.
//!
//! Both run at the same time, and two of them may find the same request due. Each request
//! completes in its own transaction that first claims it (`store::requests::complete`, an
//! `UPDATE … WHERE state = 'in_process'`): only the one whose claim changed the row applies
//! the new state (by its area's completer, of [`COMPLETERS`]) and writes the history row,
//! so a request never completes twice.

use crate::error::ApiResult;
use crate::state::AppState;
use crate::store;
use crate::store::requests::Completer;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use kabinet_protocol::api::{CodeChannel, OutboxAttachment};
use std::time::Duration;

/// Every slow area's completion, each declared by its area's file for its kinds of request
/// (`store::blocking::COMPLETER`), so `store::requests` imports no area.
pub const COMPLETERS: &[Completer] =
    &[store::blocking::COMPLETER, store::sim::COMPLETER, store::devices::COMPLETER, store::reports::COMPLETER];

/// How often the background task looks for due requests.
pub const TICK: Duration = Duration::from_millis(500);

/// Completes due requests every [`TICK`] for the sandbox's life.
pub fn spawn(state: AppState) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(TICK);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            if let Err(e) = complete_due(&state).await {
                tracing::warn!("due requests not completed: {}", e.0.message);
            }
        }
    })
}

/// Before every `/api/v1` request: what is due completes first, whatever the route reads.
pub async fn complete_first(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if request.uri().path().starts_with("/api/v1/") {
        if let Err(e) = complete_due(&state).await {
            return e.into_response();
        }
    }
    next.run(request).await
}

/// Completes every request that is due: the number takes its new state, a report is made and
/// e-mailed (after its transaction commits, so a failed one sends nothing).
pub async fn complete_due(state: &AppState) -> ApiResult<()> {
    let now = state.clock.now();
    let due = store::requests::due(&mut *state.db.acquire().await?, now).await?;
    for id in due {
        let mut tx = store::begin(&state.db).await?;
        let completed = store::requests::complete(&mut tx, COMPLETERS, &id, now).await?;
        tx.commit().await?;
        if let Some(Some(mail)) = completed {
            let attachment =
                OutboxAttachment { name: mail.file_name, content_type: mail.content_type, size: mail.size as u64 };
            state.outbox.send_with_attachment(now, CodeChannel::Email, mail.to, mail.body, attachment);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::Clock;
    use crate::state::Rules;

    const MANUAL: &str = "77010542007";

    async fn sandbox() -> (tempfile::TempDir, AppState) {
        let dir = tempfile::tempdir().unwrap();
        let pool = crate::db::open(dir.path()).await.unwrap();
        crate::seed::apply(&pool, &crate::seed::Seed::Demo).await.unwrap();
        (dir, AppState::new(pool, Clock::default(), Rules::default()))
    }

    /// Starts a block of the manual's number and moves the clock past its completion.
    async fn due_block(state: &AppState) -> String {
        let mut tx = store::begin(&state.db).await.unwrap();
        let admin: i64 = sqlx::query_scalar("SELECT id FROM admins WHERE phone = ?")
            .bind(crate::DEMO_LOGIN_PHONE)
            .fetch_one(&mut *tx)
            .await
            .unwrap();
        let actor = store::numbers::actor(&mut tx, admin, MANUAL).await.unwrap();
        let now = state.clock.now();
        let record = store::blocking::start(&mut tx, actor, MANUAL, true, now, state.rules.slow_operation)
            .await
            .unwrap()
            .unwrap();
        tx.commit().await.unwrap();
        state.clock.advance(10);
        record.id
    }

    async fn count(state: &AppState, sql: &str) -> i64 {
        sqlx::query_scalar(sql).bind(MANUAL).fetch_one(&state.db).await.unwrap()
    }

    async fn completions(state: &AppState) -> (i64, i64) {
        let history = count(state, "SELECT COUNT(*) FROM actions WHERE msisdn = ? AND action = 'Number blocked'").await;
        let done =
            count(state, "SELECT COUNT(*) FROM requests WHERE msisdn = ? AND kind = 'block' AND state = 'done'").await;
        (history, done)
    }

    #[tokio::test]
    async fn two_readers_that_find_the_same_request_due_complete_it_once() {
        let (_dir, state) = sandbox().await;
        let id = due_block(&state).await;
        // Both readers found it due before either completed it.
        let now = state.clock.now();
        let first = store::requests::due(&mut state.db.acquire().await.unwrap(), now).await.unwrap();
        let second = store::requests::due(&mut state.db.acquire().await.unwrap(), now).await.unwrap();
        assert_eq!((first, second), (vec![id.clone()], vec![id.clone()]));
        let mut completed = Vec::new();
        for _reader in 0..2 {
            let mut tx = store::begin(&state.db).await.unwrap();
            completed.push(store::requests::complete(&mut tx, COMPLETERS, &id, now).await.unwrap().is_some());
            tx.commit().await.unwrap();
        }
        assert_eq!(completed, [true, false], "only the first claim completes it");
        assert_eq!(completions(&state).await, (1, 1));
        let n = store::numbers::summary(&mut state.db.acquire().await.unwrap(), MANUAL).await.unwrap();
        assert_eq!(n.state.as_str(), "blocked");
    }

    #[tokio::test]
    async fn concurrent_readers_complete_a_due_request_once() {
        let (_dir, state) = sandbox().await;
        due_block(&state).await;
        let readers: Vec<_> = (0..4)
            .map(|_| {
                let state = state.clone();
                tokio::spawn(async move { complete_due(&state).await })
            })
            .collect();
        for reader in readers {
            reader.await.unwrap().unwrap();
        }
        assert_eq!(completions(&state).await, (1, 1), "one history row, one completed request");
    }

    #[tokio::test]
    async fn a_stored_request_of_an_unknown_kind_fails_and_changes_no_number() {
        let (_dir, state) = sandbox().await;
        let id = due_block(&state).await;
        sqlx::query("UPDATE requests SET kind = 'suspend' WHERE id = ?").bind(&id).execute(&state.db).await.unwrap();
        complete_due(&state).await.unwrap();
        let (request_state, result): (String, Option<String>) =
            sqlx::query_as("SELECT state, result FROM requests WHERE id = ?")
                .bind(&id)
                .fetch_one(&state.db)
                .await
                .unwrap();
        assert_eq!(request_state, "failed", "{result:?}");
        let n = store::numbers::summary(&mut state.db.acquire().await.unwrap(), MANUAL).await.unwrap();
        assert_eq!(n.state.as_str(), "in_process", "not unblocked as before: left for the operator");
    }

    #[test]
    fn every_known_request_kind_has_one_completer() {
        for kind in kabinet_protocol::api::RequestKind::KNOWN {
            let registered = COMPLETERS.iter().filter(|c| c.kinds.contains(kind)).count();
            assert_eq!(registered, 1, "{kind:?} is completed by {registered} areas");
        }
    }

    #[tokio::test]
    async fn a_known_kind_whose_area_registered_no_completer_fails_and_changes_no_number() {
        let (_dir, state) = sandbox().await;
        let id = due_block(&state).await;
        let mut tx = store::begin(&state.db).await.unwrap();
        let completed = store::requests::complete(&mut tx, &[], &id, state.clock.now()).await.unwrap();
        tx.commit().await.unwrap();
        assert!(completed.is_some(), "claimed");
        let request_state: String =
            sqlx::query_scalar("SELECT state FROM requests WHERE id = ?").bind(&id).fetch_one(&state.db).await.unwrap();
        assert_eq!(request_state, "failed");
        let n = store::numbers::summary(&mut state.db.acquire().await.unwrap(), MANUAL).await.unwrap();
        assert_eq!(n.state.as_str(), "in_process");
    }
}
