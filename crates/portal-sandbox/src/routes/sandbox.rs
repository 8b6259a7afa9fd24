//! Sandbox-only routes: what the portal "sent", and a clock tests move forward.
//! A production portal has neither; they are listed under the `sandbox` tag.
//!
//! With `Config::sandbox_secret` set (the app's embedded portal), [`guard`] answers 403 to any
//! request without it: a code in the outbox or the clock must not be one local request away.

use crate::digest::sha256_hex;
use crate::error::{ApiError, ApiResult, Body, Query};
use crate::state::AppState;
use crate::SANDBOX_SECRET_HEADER;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use kabinet_protocol::api::{ClockAdvance, FaultPlan, OutboxList};
use kabinet_protocol::{Error, ErrorCode};
use serde::Deserialize;

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OutboxQuery {
    /// Only messages to this phone number or e-mail address.
    recipient: Option<String>,
}

/// Messages sent by SMS or e-mail, newest first (at most 50).
#[utoipa::path(get, path = "/sandbox/outbox", tag = "sandbox", params(OutboxQuery), security((), ("sandbox_secret" = [])),
    responses((status = 200, body = OutboxList), (status = 403, body = Error, description = "forbidden: the sandbox secret is missing")))]
pub async fn outbox(State(state): State<AppState>, Query(q): Query<OutboxQuery>) -> ApiResult<Json<OutboxList>> {
    Ok(Json(OutboxList { items: state.outbox.list(q.recipient.as_deref()) }))
}

/// Lets a request through only with the sandbox secret, when the sandbox has one.
pub async fn guard(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if let Some(expected) = &state.sandbox_secret_hash {
        // Hashes are compared, so the time taken says nothing about the secret.
        let given = request.headers().get(SANDBOX_SECRET_HEADER).map(|v| sha256_hex(v.as_bytes()));
        if given.as_deref() != Some(&**expected) {
            return ApiError::new(
                ErrorCode::Forbidden,
                format!(
                    "This portal's sandbox routes need the {SANDBOX_SECRET_HEADER} header of the app that started it."
                ),
            )
            .into_response();
        }
    }
    next.run(request).await
}

/// Moves the sandbox's clock forward by `seconds` (0 to 30 days).
#[utoipa::path(post, path = "/sandbox/clock", tag = "sandbox", request_body = ClockAdvance, security((), ("sandbox_secret" = [])),
    responses((status = 204), (status = 400, body = Error, description = "invalid_input"),
        (status = 403, body = Error, description = "forbidden: the sandbox secret is missing")))]
pub async fn advance_clock(State(state): State<AppState>, Body(req): Body<ClockAdvance>) -> ApiResult<StatusCode> {
    if !(0..=30 * 24 * 3600).contains(&req.seconds) {
        return Err(ApiError(Error::new(ErrorCode::InvalidInput, "seconds must be between 0 and 2592000.")));
    }
    state.clock.advance(req.seconds);
    Ok(StatusCode::NO_CONTENT)
}

/// Plans failures: after `fail_numbers_after_pages` more pages of numbers, answer 503; hold
/// state-changing answers `delay_answers_ms` after their action; with `crash_after_change`, the
/// next change dies after it committed and before it answers. A plan replaces the last one.
#[utoipa::path(post, path = "/sandbox/faults", tag = "sandbox", request_body = FaultPlan, security((), ("sandbox_secret" = [])),
    responses((status = 204), (status = 403, body = Error, description = "forbidden: the sandbox secret is missing")))]
pub async fn faults(State(state): State<AppState>, Body(plan): Body<FaultPlan>) -> StatusCode {
    state.faults.fail_numbers_after(plan.fail_numbers_after_pages);
    state.faults.delay_answers(plan.delay_answers_ms);
    state.faults.crash_after_change(plan.crash_after_change);
    StatusCode::NO_CONTENT
}
