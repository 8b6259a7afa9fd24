//! Sandbox-only routes: what the portal "sent", and a clock tests move forward.
//! A production portal has neither; they are listed under the `sandbox` tag.

use crate::error::{ApiError, ApiResult, Body, Query};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use kabinet_core::api::{ClockAdvance, CodeChannel, FaultPlan, OutboxList, OutboxMessage};
use kabinet_core::{Error, ErrorCode};
use serde::Deserialize;

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OutboxQuery {
    /// Only messages to this phone number or e-mail address.
    recipient: Option<String>,
}

/// Messages sent by SMS or e-mail, newest first (at most 50).
#[utoipa::path(get, path = "/sandbox/outbox", tag = "sandbox", params(OutboxQuery),
    responses((status = 200, body = OutboxList)))]
pub async fn outbox(State(state): State<AppState>, Query(q): Query<OutboxQuery>) -> ApiResult<Json<OutboxList>> {
    let rows: Vec<(i64, String, String, String, String)> = sqlx::query_as(
        "SELECT id, sent_at, channel, recipient, body FROM outbox WHERE ?1 IS NULL OR recipient = ?1 ORDER BY id DESC LIMIT 50",
    )
    .bind(q.recipient)
    .fetch_all(&state.db)
    .await?;
    let items = rows
        .into_iter()
        .map(|(id, sent_at, channel, recipient, body)| OutboxMessage {
            id,
            sent_at: crate::db::parse_ts(&sent_at),
            channel: if channel == "sms" { CodeChannel::Sms } else { CodeChannel::Email },
            recipient,
            body,
        })
        .collect();
    Ok(Json(OutboxList { items }))
}

/// Moves the sandbox's clock forward by `seconds` (0 to 30 days).
#[utoipa::path(post, path = "/sandbox/clock", tag = "sandbox", request_body = ClockAdvance,
    responses((status = 204), (status = 400, body = Error, description = "invalid_input")))]
pub async fn advance_clock(State(state): State<AppState>, Body(req): Body<ClockAdvance>) -> ApiResult<StatusCode> {
    if !(0..=30 * 24 * 3600).contains(&req.seconds) {
        return Err(ApiError(Error::new(ErrorCode::InvalidInput, "seconds must be between 0 and 2592000.")));
    }
    state.clock.advance(req.seconds);
    Ok(StatusCode::NO_CONTENT)
}

/// Plans failures: after `fail_numbers_after_pages` more pages of numbers, answer 503.
#[utoipa::path(post, path = "/sandbox/faults", tag = "sandbox", request_body = FaultPlan, responses((status = 204)))]
pub async fn faults(State(state): State<AppState>, Body(plan): Body<FaultPlan>) -> StatusCode {
    state.faults.fail_numbers_after(plan.fail_numbers_after_pages);
    StatusCode::NO_CONTENT
}
