//! Requests that finish later over HTTP: block and unblock answer 202 with a request record,
//! which `GET /requests/{id}` shows until and after it completes (`jobs.rs`). The rules are
//! `store::blocking` and `store::requests`.

use crate::auth::Admin;
use crate::error::{ApiResult, Path};
use crate::idempotency::{Answer, Key};
use crate::state::AppState;
use crate::store;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use kabinet_protocol::api::RequestRecord;
use kabinet_protocol::Error;

async fn start(state: &AppState, admin: &Admin, key: &Key, msisdn: &str, block: bool) -> ApiResult<Answer> {
    let mut tx = store::begin(&state.db).await?;
    let actor = store::numbers::actor(&mut tx, admin.id, msisdn).await?;
    let outcome =
        store::blocking::start(&mut tx, actor, msisdn, block, state.clock.now(), state.rules.slow_operation).await?;
    store::commit_answer(tx, key, StatusCode::ACCEPTED, outcome).await
}

/// Blocks an active number (the request completes after a while).
#[utoipa::path(post, path = "/api/v1/numbers/{msisdn}/block", tag = "numbers", security(("bearer" = [])),
    params(("msisdn" = String, Path), ("Idempotency-Key" = String, Header)),
    responses(
        (status = 202, body = RequestRecord),
        (status = 401, body = Error),
        (status = 404, body = Error, description = "not_found"),
        (status = 409, body = Error, description = "not_allowed_in_state: the number is not active"),
    ))]
pub async fn block(
    State(state): State<AppState>,
    admin: Admin,
    key: Key,
    Path(msisdn): Path<String>,
) -> ApiResult<Answer> {
    start(&state, &admin, &key, &msisdn, true).await
}

/// Unblocks a blocked number; "Blocked / Debt" cannot be unblocked by the administrator.
#[utoipa::path(post, path = "/api/v1/numbers/{msisdn}/unblock", tag = "numbers", security(("bearer" = [])),
    params(("msisdn" = String, Path), ("Idempotency-Key" = String, Header)),
    responses(
        (status = 202, body = RequestRecord),
        (status = 401, body = Error),
        (status = 404, body = Error, description = "not_found"),
        (status = 409, body = Error, description = "not_allowed_in_state: not blocked, or blocked for debt"),
    ))]
pub async fn unblock(
    State(state): State<AppState>,
    admin: Admin,
    key: Key,
    Path(msisdn): Path<String>,
) -> ApiResult<Answer> {
    start(&state, &admin, &key, &msisdn, false).await
}

/// A request record.
#[utoipa::path(get, path = "/api/v1/requests/{id}", tag = "numbers", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses((status = 200, body = RequestRecord), (status = 401, body = Error), (status = 404, body = Error, description = "not_found")))]
pub async fn get_request(
    State(state): State<AppState>,
    admin: Admin,
    Path(id): Path<String>,
) -> ApiResult<Json<RequestRecord>> {
    Ok(Json(store::requests::get(&mut *state.db.acquire().await?, admin.id, &id).await?))
}
