//! Slow operations: block and unblock. A request is accepted "In process" and completes
//! `Rules::slow_operation` later (`jobs.rs` calls [`due`] and [`complete`]); completing it by
//! its typed kind writes the number's new state and a history row, once. Which states allow a
//! request is the shared table `kabinet_core::rules::number_actions`; this file only words the
//! refusal (a number "Blocked / Debt" is unblocked by paying, not by the administrator).
//!
//! Kinds and states are stored by their wire names; reading one this version does not know is
//! an error, never another kind.

use super::actions::{self, Status};
use super::numbers::summary;
use super::{Actor, Outcome, Refused};
use crate::db::{parse_ts, ts, ts_micros};
use crate::error::{ApiError, ApiResult};
use chrono::{DateTime, Duration, Utc};
use kabinet_core::api::{NumberState, RequestKind, RequestRecord, RequestState};
use kabinet_core::rules::number_actions::{self, NumberAction};
use kabinet_core::ErrorCode;
use sqlx::SqliteConnection;

/// The stored (and wire) name of a kind.
pub(crate) fn kind_name(kind: RequestKind) -> &'static str {
    match kind {
        RequestKind::Block => "block",
        RequestKind::Unblock => "unblock",
    }
}

/// A stored kind; one this version does not know is an error naming it.
pub(crate) fn kind_from_name(name: &str) -> ApiResult<RequestKind> {
    [RequestKind::Block, RequestKind::Unblock].into_iter().find(|k| kind_name(*k) == name).ok_or_else(|| {
        tracing::error!("a stored request of an unknown kind {name:?}");
        ApiError::new(ErrorCode::Internal, format!("A request has an unknown kind \"{name}\"."))
    })
}

fn state_from_name(name: &str) -> ApiResult<RequestState> {
    match name {
        "in_process" => Ok(RequestState::InProcess),
        "done" => Ok(RequestState::Done),
        "failed" => Ok(RequestState::Failed),
        other => {
            tracing::error!("a stored request in an unknown state {other:?}");
            Err(ApiError::new(ErrorCode::Internal, format!("A request has an unknown state \"{other}\".")))
        }
    }
}

/// The history's name of the administrator's action.
pub(crate) fn action_name(kind: RequestKind) -> &'static str {
    match kind {
        RequestKind::Block => "Number blocking",
        RequestKind::Unblock => "Number unblocking",
    }
}

/// The action of the shared table ([`number_actions`]) a request of this kind is.
fn action_of(kind: RequestKind) -> NumberAction {
    match kind {
        RequestKind::Block => NumberAction::Block,
        RequestKind::Unblock => NumberAction::Unblock,
    }
}

/// What a completed request of this kind does: the number's new state, the request's result,
/// and the history's name of the completion.
fn completion(kind: RequestKind) -> (NumberState, &'static str, &'static str) {
    match kind {
        RequestKind::Block => (NumberState::Blocked, "Blocked", "Number blocked"),
        RequestKind::Unblock => (NumberState::Active, "Unblocked", "Number unblocked"),
    }
}

/// Ids of the requests due at `now`, oldest first.
pub async fn due(conn: &mut SqliteConnection, now: DateTime<Utc>) -> ApiResult<Vec<String>> {
    Ok(sqlx::query_scalar(
        "SELECT id FROM requests WHERE state = 'in_process' AND complete_at <= ? ORDER BY complete_at, id",
    )
    .bind(ts(now))
    .fetch_all(&mut *conn)
    .await?)
}

/// Completes a due request in the caller's transaction, if it is still in process: the claim
/// (`UPDATE … WHERE state = 'in_process'`) comes first, and only when it changed the row does
/// the number take its new state and the history get its row, at the time the request was due.
/// So of readers that found the same request due, one completes it. A stored kind this version
/// does not know fails the request and leaves the number as it is. `now` marks the number
/// changed for incremental sync. Returns whether this call completed it.
pub async fn complete(conn: &mut SqliteConnection, id: &str, now: DateTime<Utc>) -> ApiResult<bool> {
    let claimed: Option<(String, String, String, i64, i64)> = sqlx::query_as(
        "UPDATE requests SET state = 'done' WHERE id = ? AND state = 'in_process'
         RETURNING msisdn, kind, complete_at, company_id, admin_id",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((msisdn, kind, complete_at, company_id, admin_id)) = claimed else {
        return Ok(false);
    };
    let Ok(kind) = kind_from_name(&kind) else {
        sqlx::query("UPDATE requests SET state = 'failed', result = 'Unknown request kind' WHERE id = ?")
            .bind(id)
            .execute(&mut *conn)
            .await?;
        return Ok(true);
    };
    let (new_state, result, action) = completion(kind);
    let at = parse_ts(&complete_at);
    sqlx::query("UPDATE requests SET result = ? WHERE id = ?").bind(result).bind(id).execute(&mut *conn).await?;
    sqlx::query("UPDATE numbers SET state = ?, state_changed_at = ?, updated_at = ? WHERE msisdn = ?")
        .bind(new_state.as_str())
        .bind(ts(at))
        .bind(ts_micros(now))
        .bind(&msisdn)
        .execute(&mut *conn)
        .await?;
    actions::record(conn, Actor { admin_id, company_id }, Some(&msisdn), action, Status::Success, at).await?;
    Ok(true)
}

/// Starts a request: the number goes "In process", the request and its history row are
/// written, all in the caller's transaction. Refused (and written so) when the number's state
/// does not allow it.
pub async fn start(
    conn: &mut SqliteConnection,
    actor: Actor,
    msisdn: &str,
    kind: RequestKind,
    now: DateTime<Utc>,
    takes: Duration,
) -> ApiResult<Outcome<RequestRecord>> {
    let number = summary(conn, msisdn).await?;
    let action = action_name(kind);
    if !number_actions::allows(&number.state, action_of(kind)) {
        actions::record(conn, actor, Some(msisdn), action, Status::Refused, now).await?;
        let message = match (kind, &number.state) {
            (RequestKind::Unblock, NumberState::BlockedDebt) => {
                "The number is blocked for debt: it can be unblocked only after the unpaid charges are paid."
            }
            (_, NumberState::InProcess) => "A request for this number is still in process.",
            (RequestKind::Block, _) => "Only an active number can be blocked.",
            (RequestKind::Unblock, _) => "Only a blocked number can be unblocked.",
        };
        return Ok(Err(Refused(ApiError::new(ErrorCode::NotAllowedInState, message))));
    }
    let id = uuid::Uuid::new_v4().to_string();
    sqlx::query(
        "INSERT INTO requests (id, company_id, admin_id, msisdn, kind, state, created_at, complete_at)
         VALUES (?, ?, ?, ?, ?, 'in_process', ?, ?)",
    )
    .bind(&id)
    .bind(actor.company_id)
    .bind(actor.admin_id)
    .bind(msisdn)
    .bind(kind_name(kind))
    .bind(ts(now))
    .bind(ts(now + takes))
    .execute(&mut *conn)
    .await?;
    sqlx::query("UPDATE numbers SET state = ?, updated_at = ? WHERE msisdn = ?")
        .bind(NumberState::InProcess.as_str())
        .bind(ts_micros(now))
        .bind(msisdn)
        .execute(&mut *conn)
        .await?;
    actions::record(conn, actor, Some(msisdn), action, Status::Success, now).await?;
    Ok(Ok(RequestRecord {
        id,
        kind,
        msisdn: msisdn.into(),
        state: RequestState::InProcess,
        result: None,
        created_at: now,
    }))
}

/// A request of a company granted to the administrator.
pub async fn get(conn: &mut SqliteConnection, admin_id: i64, id: &str) -> ApiResult<RequestRecord> {
    let row: Option<(String, String, String, String, Option<String>, String)> = sqlx::query_as(
        "SELECT r.id, r.kind, r.msisdn, r.state, r.result, r.created_at FROM requests r
         JOIN grants g ON g.company_id = r.company_id WHERE r.id = ? AND g.admin_id = ?",
    )
    .bind(id)
    .bind(admin_id)
    .fetch_optional(&mut *conn)
    .await?;
    let (id, kind, msisdn, state, result, created_at) = row.ok_or_else(ApiError::not_found)?;
    Ok(RequestRecord {
        id,
        kind: kind_from_name(&kind)?,
        msisdn,
        state: state_from_name(&state)?,
        result,
        created_at: parse_ts(&created_at),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_kinds_and_states_are_the_wire_names_and_read_back() {
        for kind in [RequestKind::Block, RequestKind::Unblock] {
            assert_eq!(serde_json::to_value(kind).unwrap().as_str(), Some(kind_name(kind)));
            assert_eq!(kind_from_name(kind_name(kind)).unwrap(), kind);
        }
        for state in [RequestState::InProcess, RequestState::Done, RequestState::Failed] {
            let wire = serde_json::to_value(state).unwrap();
            assert_eq!(state_from_name(wire.as_str().unwrap()).unwrap(), state);
        }
        assert_eq!(kind_from_name("suspend").unwrap_err().0.code, ErrorCode::Internal);
        assert!(state_from_name("frozen").is_err());
    }
}
