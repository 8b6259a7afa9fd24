//! "My Companies": the companies granted to the administrator, with the display name each
//! administrator chooses. Another company's id answers 404, as if it did not exist.

use crate::auth::Admin;
use crate::error::{ApiResult, Body, Path};
use crate::idempotency::{Answer, Key};
use crate::state::AppState;
use crate::store;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use kabinet_protocol::api::{Company, CompanyList, DisplayNameRequest};
use kabinet_protocol::rules::display_name;
use kabinet_protocol::Error;

/// The companies this administrator manages, in the order they were granted.
#[utoipa::path(get, path = "/api/v1/companies", tag = "companies", security(("bearer" = [])),
    responses((status = 200, body = CompanyList), (status = 401, body = Error, description = "session_expired")))]
pub async fn list(State(state): State<AppState>, admin: Admin) -> ApiResult<Json<CompanyList>> {
    // A block or unblock that is due changes the counts: complete it first, as every read of
    // numbers does.
    Ok(Json(CompanyList { items: store::companies::list(&mut *state.db.acquire().await?, admin.id).await? }))
}

/// One company, if granted to this administrator.
#[utoipa::path(get, path = "/api/v1/companies/{id}", tag = "companies", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = Company),
        (status = 401, body = Error, description = "session_expired"),
        (status = 404, body = Error, description = "not_found: unknown, or another administrator's company"),
    ))]
pub async fn get_company(State(state): State<AppState>, admin: Admin, Path(id): Path<i64>) -> ApiResult<Json<Company>> {
    Ok(Json(store::companies::granted(&mut *state.db.acquire().await?, admin.id, id).await?))
}

/// Sets the name this administrator sees for the company; blank restores the company's own.
#[utoipa::path(put, path = "/api/v1/companies/{id}/display-name", tag = "companies", security(("bearer" = [])),
    params(("id" = i64, Path), ("Idempotency-Key" = String, Header)),
    request_body = DisplayNameRequest,
    responses(
        (status = 200, body = Company),
        (status = 400, body = Error, description = "invalid_display_name"),
        (status = 404, body = Error, description = "not_found"),
    ))]
pub async fn set_display_name(
    State(state): State<AppState>,
    admin: Admin,
    key: Key,
    Path(id): Path<i64>,
    Body(req): Body<DisplayNameRequest>,
) -> ApiResult<Answer> {
    let mut tx = store::begin(&state.db).await?;
    store::companies::ensure_granted(&mut tx, admin.id, id).await?;
    let name = display_name::check(&req.display_name)?;
    store::companies::set_display_name(&mut tx, admin.id, id, name).await?;
    let company = store::companies::granted(&mut tx, admin.id, id).await?;
    store::commit_answer(tx, &key, StatusCode::OK, Ok(company)).await
}
