//! Call forwarding over HTTP: a number's forwardings, setting one kind, switching one off. The
//! target and delay rule is `kabinet_protocol::rules::forwarding` (400 naming `target` or
//! `delay_s`), checked before anything is read; the state rule and the history are
//! `store::forwarding`.

use crate::auth::{Admin, Reader};
use crate::error::{ApiError, ApiResult, Body, Path};
use crate::idempotency::{Answer, Key};
use crate::state::AppState;
use crate::store;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use kabinet_protocol::api::{ForwardKind, ForwardingList, SetForwarding};
use kabinet_protocol::rules::forwarding;
use kabinet_protocol::{Error, ErrorCode};

/// A kind from the path: only the ones this version knows.
fn kind(raw: &str) -> ApiResult<ForwardKind> {
    ForwardKind::parse(raw).ok_or_else(|| {
        ApiError::invalid_field(
            ErrorCode::InvalidInput,
            "kind",
            "The forwarding kind must be unconditional, busy, no_answer or unreachable.",
        )
    })
}

/// The number's call forwardings that are set (a kind not listed is off). The holder of the
/// number's secret code may read it too.
#[utoipa::path(get, path = "/api/v1/numbers/{msisdn}/forwarding", tag = "numbers", security(("bearer" = [])),
    params(("msisdn" = String, Path)),
    responses((status = 200, body = ForwardingList), (status = 401, body = Error), (status = 404, body = Error, description = "not_found")))]
pub async fn list(
    State(state): State<AppState>,
    reader: Reader,
    Path(msisdn): Path<String>,
) -> ApiResult<Json<ForwardingList>> {
    let mut conn = state.db.acquire().await?;
    reader.may_read(&mut conn, &msisdn).await?;
    Ok(Json(store::forwarding::of(&mut conn, &msisdn).await?))
}

/// Sets (or replaces) the forwarding of one kind.
#[utoipa::path(put, path = "/api/v1/numbers/{msisdn}/forwarding/{kind}", tag = "numbers", security(("bearer" = [])),
    params(("msisdn" = String, Path), ("kind" = ForwardKind, Path), ("Idempotency-Key" = String, Header)),
    request_body = SetForwarding,
    responses(
        (status = 200, body = ForwardingList),
        (status = 400, body = Error, description = "invalid_phone (field `target`: not a Kazakh or international number, or the number itself); invalid_input (field `delay_s`: out of 5 to 30 s, or given for another kind than no_answer; field `kind`)"),
        (status = 401, body = Error),
        (status = 403, body = Error, description = "forbidden: a secret-code session"),
        (status = 404, body = Error, description = "not_found"),
        (status = 409, body = Error, description = "not_allowed_in_state (forwarding_needs_active)"),
    ))]
pub async fn set(
    State(state): State<AppState>,
    admin: Admin,
    key: Key,
    Path((msisdn, raw_kind)): Path<(String, String)>,
    Body(req): Body<SetForwarding>,
) -> ApiResult<Answer> {
    let mut tx = store::begin(&state.db).await?;
    let actor = store::numbers::actor(&mut tx, admin.id, &msisdn).await?;
    let kind = kind(&raw_kind)?;
    let checked = forwarding::check(&msisdn, &kind, &req.target, req.delay_s)?;
    let outcome = store::forwarding::set(&mut tx, actor, &msisdn, &kind, &checked, state.clock.now()).await?;
    store::commit_answer(tx, &key, StatusCode::OK, outcome).await
}

/// Switches the forwarding of one kind off.
#[utoipa::path(delete, path = "/api/v1/numbers/{msisdn}/forwarding/{kind}", tag = "numbers", security(("bearer" = [])),
    params(("msisdn" = String, Path), ("kind" = ForwardKind, Path), ("Idempotency-Key" = String, Header)),
    responses(
        (status = 200, body = ForwardingList),
        (status = 401, body = Error),
        (status = 403, body = Error, description = "forbidden: a secret-code session"),
        (status = 404, body = Error, description = "not_found"),
        (status = 409, body = Error, description = "not_allowed_in_state (forwarding_not_set)"),
    ))]
pub async fn clear(
    State(state): State<AppState>,
    admin: Admin,
    key: Key,
    Path((msisdn, raw_kind)): Path<(String, String)>,
) -> ApiResult<Answer> {
    let mut tx = store::begin(&state.db).await?;
    let actor = store::numbers::actor(&mut tx, admin.id, &msisdn).await?;
    let kind = kind(&raw_kind)?;
    let outcome = store::forwarding::clear(&mut tx, actor, &msisdn, &kind, state.clock.now()).await?;
    store::commit_answer(tx, &key, StatusCode::OK, outcome).await
}
