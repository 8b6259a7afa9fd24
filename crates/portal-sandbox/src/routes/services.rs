//! Services on a number, over HTTP; the rules and the history rows are `store::services` and
//! `store::actions`, in one transaction per request.

use crate::auth::{Admin, Reader};
use crate::catalog;
use crate::error::{ApiError, ApiResult, Path};
use crate::idempotency::{Answer, Key};
use crate::state::AppState;
use crate::store;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use kabinet_protocol::api::*;
use kabinet_protocol::Error;

/// Activated services and the ones that can be enabled (the secret code's holder may read them,
/// never change them).
#[utoipa::path(get, path = "/api/v1/numbers/{msisdn}/services", tag = "services", security(("bearer" = [])),
    params(("msisdn" = String, Path)),
    responses((status = 200, body = NumberServices), (status = 401, body = Error), (status = 404, body = Error, description = "not_found")))]
pub async fn list(
    State(state): State<AppState>,
    reader: Reader,
    Path(msisdn): Path<String>,
) -> ApiResult<Json<NumberServices>> {
    let mut conn = state.db.acquire().await?;
    reader.may_read(&mut conn, &msisdn).await?;
    Ok(Json(store::services::of(&mut conn, &msisdn).await?))
}

/// Enables a service, charging its cost.
#[utoipa::path(post, path = "/api/v1/numbers/{msisdn}/services/{service_id}", tag = "services", security(("bearer" = [])),
    params(("msisdn" = String, Path), ("service_id" = String, Path), ("Idempotency-Key" = String, Header)),
    responses(
        (status = 200, body = ServiceChange),
        (status = 401, body = Error),
        (status = 404, body = Error, description = "not_found: the number or the service"),
        (status = 409, body = Error, description = "already_enabled, not_allowed_in_state (number not active), insufficient_funds"),
    ))]
pub async fn enable(
    State(state): State<AppState>,
    admin: Admin,
    key: Key,
    Path((msisdn, service_id)): Path<(String, String)>,
) -> ApiResult<Answer> {
    let service = catalog::service(&service_id).ok_or_else(ApiError::not_found)?;
    let mut tx = store::begin(&state.db).await?;
    let actor = store::numbers::actor(&mut tx, admin.id, &msisdn).await?;
    let outcome = store::services::enable(&mut tx, actor, &msisdn, &service, state.clock.now()).await?;
    store::commit_answer(tx, &key, StatusCode::OK, outcome).await
}

/// Disables a service (no refund).
#[utoipa::path(delete, path = "/api/v1/numbers/{msisdn}/services/{service_id}", tag = "services", security(("bearer" = [])),
    params(("msisdn" = String, Path), ("service_id" = String, Path), ("Idempotency-Key" = String, Header)),
    responses(
        (status = 200, body = ServiceChange),
        (status = 401, body = Error),
        (status = 404, body = Error, description = "not_found: the number, or the service is not enabled"),
        (status = 409, body = Error, description = "not_allowed_in_state: the number's state does not allow it"),
    ))]
pub async fn disable(
    State(state): State<AppState>,
    admin: Admin,
    key: Key,
    Path((msisdn, service_id)): Path<(String, String)>,
) -> ApiResult<Answer> {
    let service = catalog::service(&service_id).ok_or_else(ApiError::not_found)?;
    let mut tx = store::begin(&state.db).await?;
    let actor = store::numbers::actor(&mut tx, admin.id, &msisdn).await?;
    let outcome = store::services::disable(&mut tx, actor, &msisdn, &service, state.clock.now()).await?;
    store::commit_answer(tx, &key, StatusCode::OK, outcome).await
}
