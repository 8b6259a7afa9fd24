//! "My Companies": the companies granted to the administrator, with the display name each
//! administrator chooses. Another company's id answers 404, as if it did not exist.

use crate::auth::Admin;
use crate::error::{ApiError, ApiResult, Body, Path};
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use kabinet_core::account::DISPLAY_NAME_MAX;
use kabinet_core::api::{Company, CompanyList, DisplayNameRequest};
use kabinet_core::{Error, ErrorCode};

/// The granted companies with their number counts, counted in one pass over each company's
/// numbers. Callers add conditions, then [`GROUP`].
const SELECT: &str = "SELECT c.id, c.name, c.bin, COALESCE(g.display_name, c.name),
        COUNT(n.msisdn),
        COALESCE(SUM(n.state = 'active'), 0),
        COALESCE(SUM(n.state IN ('blocked', 'blocked_debt')), 0)
    FROM grants g JOIN companies c ON c.id = g.company_id LEFT JOIN numbers n ON n.company_id = c.id
    WHERE g.admin_id = ?";
const GROUP: &str = "GROUP BY c.id";

type Row = (i64, String, String, String, i64, i64, i64);

fn to_company((id, name, bin, display_name, numbers_total, numbers_active, numbers_blocked): Row) -> Company {
    Company { id, name, bin, display_name, numbers_total, numbers_active, numbers_blocked }
}

/// The rule: a company not granted to this administrator answers 404, as if it did not exist.
/// Cheap (the grant's primary key), so every request about a company's data can ask it.
pub async fn ensure_granted(state: &AppState, admin: &Admin, id: i64) -> ApiResult<()> {
    let found: Option<i64> = sqlx::query_scalar("SELECT 1 FROM grants WHERE admin_id = ? AND company_id = ?")
        .bind(admin.id)
        .bind(id)
        .fetch_optional(&state.db)
        .await?;
    found.map(|_| ()).ok_or_else(ApiError::not_found)
}

/// The company with its number counts, if granted (the counts scan its numbers: use
/// [`ensure_granted`] when only the permission matters).
pub async fn granted(state: &AppState, admin: &Admin, id: i64) -> ApiResult<Company> {
    let row: Option<Row> = sqlx::query_as(&format!("{SELECT} AND c.id = ? {GROUP}"))
        .bind(admin.id)
        .bind(id)
        .fetch_optional(&state.db)
        .await?;
    row.map(to_company).ok_or_else(ApiError::not_found)
}

/// The companies this administrator manages, in the order they were granted.
#[utoipa::path(get, path = "/api/v1/companies", tag = "companies", security(("bearer" = [])),
    responses((status = 200, body = CompanyList), (status = 401, body = Error, description = "session_expired")))]
pub async fn list(State(state): State<AppState>, admin: Admin) -> ApiResult<Json<CompanyList>> {
    let rows: Vec<Row> = sqlx::query_as(&format!("{SELECT} {GROUP} ORDER BY g.position, c.id"))
        .bind(admin.id)
        .fetch_all(&state.db)
        .await?;
    Ok(Json(CompanyList { items: rows.into_iter().map(to_company).collect() }))
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
    Ok(Json(granted(&state, &admin, id).await?))
}

/// Sets the name this administrator sees for the company; blank restores the company's own.
#[utoipa::path(put, path = "/api/v1/companies/{id}/display-name", tag = "companies", security(("bearer" = [])),
    params(("id" = i64, Path), ("Idempotency-Key" = String, Header)),
    request_body = DisplayNameRequest,
    responses(
        (status = 200, body = Company),
        (status = 400, body = Error, description = "invalid_input"),
        (status = 404, body = Error, description = "not_found"),
    ))]
pub async fn set_display_name(
    State(state): State<AppState>,
    admin: Admin,
    Path(id): Path<i64>,
    Body(req): Body<DisplayNameRequest>,
) -> ApiResult<Json<Company>> {
    ensure_granted(&state, &admin, id).await?;
    let name = req.display_name.trim();
    if name.chars().count() > DISPLAY_NAME_MAX || name.chars().any(char::is_control) {
        return Err(ApiError(Error::new(
            ErrorCode::InvalidInput,
            format!("A display name has at most {DISPLAY_NAME_MAX} characters and no line breaks."),
        )));
    }
    sqlx::query("UPDATE grants SET display_name = ? WHERE admin_id = ? AND company_id = ?")
        .bind((!name.is_empty()).then_some(name))
        .bind(admin.id)
        .bind(id)
        .execute(&state.db)
        .await?;
    Ok(Json(granted(&state, &admin, id).await?))
}
