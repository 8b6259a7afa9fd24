//! Blocking and unblocking a number: a request ([`super::requests`]) that puts the number "In
//! process" and, when it completes, Blocked or Active. Which states allow either is the shared
//! table `kabinet_protocol::rules::number_actions`; this file only words the refusal (a number
//! "Blocked / Debt" is unblocked by paying, not by the administrator).

use super::actions::{self, Status};
use super::numbers::summary;
use super::requests::{self, Claimed, Completer, Completion};
use super::{Actor, Outcome, Refused};
use crate::db::{ts, ts_micros};
use crate::error::{ApiError, ApiResult};
use chrono::{DateTime, Duration, Utc};
use kabinet_protocol::action::HistoryAction;
use kabinet_protocol::api::{NumberState, RequestKind, RequestRecord, RequestResult};
use kabinet_protocol::rules::number_actions::{self, ActionKind};
use kabinet_protocol::ErrorCode;
use sqlx::SqliteConnection;

/// Block (`true`) or unblock.
fn kind(block: bool) -> RequestKind {
    if block {
        RequestKind::Block
    } else {
        RequestKind::Unblock
    }
}

/// Why blocking (`block`) or unblocking a number in `state` would be refused, if it would (the
/// shared table, worded by the state). Writes nothing (the bulk check asks it too).
pub fn refusal(block: bool, state: &NumberState) -> Option<ApiError> {
    let action = if block { ActionKind::Block } else { ActionKind::Unblock };
    let (reason, message) = number_actions::refusal(state, action)?;
    Some(ApiError::refused(ErrorCode::NotAllowedInState, reason, message).with_param("state", state.as_str()))
}

/// Starts a block or an unblock: the number goes "In process", the request and its history row
/// are written, all in the caller's transaction. Refused (and written so) when the number's
/// state does not allow it.
pub async fn start(
    conn: &mut SqliteConnection,
    actor: Actor,
    msisdn: &str,
    block: bool,
    now: DateTime<Utc>,
    takes: Duration,
) -> ApiResult<Outcome<RequestRecord>> {
    let number = summary(conn, msisdn).await?;
    let history = if block { ActionKind::Block } else { ActionKind::Unblock }.history();
    if let Some(error) = refusal(block, &number.state) {
        actions::record(conn, actor, Some(msisdn), &history, Status::Refused, now).await?;
        return Ok(Err(Refused(error)));
    }
    let record = requests::insert(conn, actor, kind(block), Some(msisdn), None, now, takes).await?;
    sqlx::query("UPDATE numbers SET state = ?, updated_at = ? WHERE msisdn = ?")
        .bind(NumberState::InProcess.as_str())
        .bind(ts_micros(now))
        .bind(msisdn)
        .execute(&mut *conn)
        .await?;
    actions::record(conn, actor, Some(msisdn), &history, Status::Success, now).await?;
    Ok(Ok(record))
}

/// How a block and an unblock complete ([`complete`]), listed in `jobs::COMPLETERS`.
pub const COMPLETER: Completer = Completer {
    kinds: &[RequestKind::Block, RequestKind::Unblock],
    complete: |conn, request, now| Box::pin(complete(conn, request, now)),
};

/// Completes a block or an unblock: the number takes its new state at the time it was due.
pub async fn complete(conn: &mut SqliteConnection, request: &Claimed, now: DateTime<Utc>) -> ApiResult<Completion> {
    let (state, result, history) = match request.kind {
        RequestKind::Block => (NumberState::Blocked, RequestResult::Blocked, RequestKind::Block),
        _ => (NumberState::Active, RequestResult::Unblocked, RequestKind::Unblock),
    };
    sqlx::query("UPDATE numbers SET state = ?, state_changed_at = ?, updated_at = ? WHERE msisdn = ?")
        .bind(state.as_str())
        .bind(ts(request.at))
        .bind(ts_micros(now))
        .bind(request.number())
        .execute(&mut *conn)
        .await?;
    Ok(Completion { outcome: Ok(result), history: HistoryAction::completion_of(&history), mail: None })
}
