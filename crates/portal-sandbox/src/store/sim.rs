//! SIM card replacement: a request ([`super::requests`]) that, when it completes, gives the
//! number the new SIM: its ICCID, the replacement date, and with them new PIN/PUK codes (the
//! sandbox keeps none at rest: they are derived from the SIM, `numbers::sim_secrets`).
//!
//! The rules, in the order they are checked: the new ICCID is valid (Luhn, the one check of
//! `kabinet_protocol::domain::Iccid`, 400 `invalid_iccid` naming the field); the number's state
//! allows it (the shared table: only Active, FAQ 8); no replacement of the number is already in
//! process; and the ICCID is no number's SIM yet, nor the new SIM of a replacement in process.
//! Every refusal by these rules is written to the actions history with the request's name.

use super::actions::{self, Status};
use super::numbers::summary;
use super::requests::{self, Claimed, Completer, Completion};
use super::{Actor, Outcome, Refused};
use crate::db::{ts, ts_micros};
use crate::error::{ApiError, ApiResult};
use chrono::{DateTime, Duration, Utc};
use kabinet_protocol::action::HistoryAction;
use kabinet_protocol::api::{NumberState, RequestKind, RequestRecord, RequestResult};
use kabinet_protocol::domain::Iccid;
use kabinet_protocol::error::Reason;
use kabinet_protocol::rules::number_actions::{self, ActionKind};
use kabinet_protocol::{Error, ErrorCode};
use sqlx::SqliteConnection;

/// Starts a SIM replacement to the SIM `iccid`: the request and its history row are written in
/// the caller's transaction. The number stays in its state meanwhile (the line works on the old
/// SIM until the new one is activated).
pub async fn start(
    conn: &mut SqliteConnection,
    actor: Actor,
    msisdn: &str,
    iccid: &str,
    now: DateTime<Utc>,
    takes: Duration,
) -> ApiResult<Outcome<RequestRecord>> {
    let iccid = parse_iccid(iccid)?;
    if let Some(refusal) = refusal(conn, msisdn, &iccid).await? {
        actions::record(conn, actor, Some(msisdn), &ActionKind::SimReplacement.history(), Status::Refused, now).await?;
        return Ok(Err(Refused(refusal)));
    }
    let record =
        requests::insert(conn, actor, RequestKind::SimReplacement, Some(msisdn), Some(iccid.as_str()), now, takes)
            .await?;
    actions::record(conn, actor, Some(msisdn), &ActionKind::SimReplacement.history(), Status::Success, now).await?;
    Ok(Ok(record))
}

/// The new SIM as the route reads it: `invalid_iccid` naming the field `iccid` otherwise.
pub fn parse_iccid(iccid: &str) -> ApiResult<Iccid> {
    Iccid::parse(iccid).map_err(|e| ApiError::from(Error::from(e).with_field("iccid")))
}

/// Why the rules refuse this replacement, if they do (the route's check, and the bulk check's).
pub async fn refusal(conn: &mut SqliteConnection, msisdn: &str, iccid: &Iccid) -> ApiResult<Option<ApiError>> {
    let number = summary(conn, msisdn).await?;
    if !number_actions::allows(&number.state, ActionKind::SimReplacement) {
        let (reason, message) = match number.state {
            NumberState::InProcess => (Reason::RequestInProcess, "A request for this number is still in process."),
            _ => (Reason::SimReplacementNeedsActive, "The SIM card can be replaced only on an active number."),
        };
        let error =
            ApiError::refused(ErrorCode::NotAllowedInState, reason, message).with_param("state", number.state.as_str());
        return Ok(Some(error));
    }
    let replacements = requests::of_number(conn, msisdn, &[RequestKind::SimReplacement]).await?;
    if replacements.iter().any(RequestRecord::is_open) {
        return Ok(Some(ApiError::refused(
            ErrorCode::NotAllowedInState,
            Reason::SimReplacementInProcess,
            "A SIM card replacement of this number is already in process.",
        )));
    }
    let in_use: Option<i64> = sqlx::query_scalar(
        "SELECT 1 FROM numbers WHERE iccid = ?1
         UNION ALL SELECT 1 FROM requests WHERE kind = ?2 AND state = 'in_process' AND detail = ?1 LIMIT 1",
    )
    .bind(iccid.as_str())
    .bind(RequestKind::SimReplacement.as_str())
    .fetch_optional(&mut *conn)
    .await?;
    if in_use.is_some() {
        let error = Error::invalid_field(ErrorCode::InvalidIccid, "iccid", "This SIM card is already in use.")
            .with_reason(Reason::IccidInUse);
        return Ok(Some(ApiError(error)));
    }
    Ok(None)
}

/// How a SIM replacement completes ([`complete`]), listed in `jobs::COMPLETERS`.
pub const COMPLETER: Completer = Completer {
    kinds: &[RequestKind::SimReplacement],
    complete: |conn, request, now| Box::pin(complete(conn, request, now)),
};

/// Completes a SIM replacement: the number has the new SIM from the time it was due.
pub async fn complete(conn: &mut SqliteConnection, request: &Claimed, now: DateTime<Utc>) -> ApiResult<Completion> {
    let Some(iccid) = request.detail.as_deref().and_then(|d| Iccid::parse(d).ok()) else {
        tracing::error!("a stored SIM replacement {} without a valid ICCID", request.id);
        return Ok(Completion {
            outcome: Err(Error::new(ErrorCode::Internal, "The SIM replacement has no valid ICCID.")),
            history: HistoryAction::completion_of(&RequestKind::SimReplacement),
            mail: None,
        });
    };
    sqlx::query("UPDATE numbers SET iccid = ?, sim_replaced_at = ?, updated_at = ? WHERE msisdn = ?")
        .bind(iccid.as_str())
        .bind(ts(request.at))
        .bind(ts_micros(now))
        .bind(request.number())
        .execute(&mut *conn)
        .await?;
    Ok(Completion {
        outcome: Ok(RequestResult::SimReplaced),
        history: HistoryAction::completion_of(&RequestKind::SimReplacement),
        mail: None,
    })
}
