//! Services on a number, with the operator's rules: a service cannot be enabled twice, nothing
//! can be enabled on a number that is not active, the cost is charged to the balance (prepaid)
//! or the remaining credit limit (and the individual limit, when one is set) and refused when
//! they are short. Every change, and every refusal, is written to the actions history.

use super::numbers::{owned_company, summary};
use crate::auth::Admin;
use crate::catalog;
use crate::db::{parse_ts, ts, ts_micros};
use crate::error::{ApiError, ApiResult, Path, Query};
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use chrono::{DateTime, Utc};
use kabinet_core::api::*;
use kabinet_core::{Error, ErrorCode};
use serde::Deserialize;

pub(crate) async fn record_action(
    state: &AppState,
    company: i64,
    admin: &Admin,
    msisdn: Option<&str>,
    action: &str,
    status: &str,
) -> ApiResult<()> {
    sqlx::query("INSERT INTO actions (company_id, admin_id, msisdn, action, status, at) VALUES (?, ?, ?, ?, ?, ?)")
        .bind(company)
        .bind(admin.id)
        .bind(msisdn)
        .bind(action)
        .bind(status)
        .bind(ts(state.clock.now()))
        .execute(&state.db)
        .await?;
    Ok(())
}

async fn services_of(state: &AppState, msisdn: &str) -> ApiResult<NumberServices> {
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT service_id, activated_at FROM number_services WHERE msisdn = ? ORDER BY activated_at")
            .bind(msisdn)
            .fetch_all(&state.db)
            .await?;
    let activated: Vec<ActivatedService> = rows
        .iter()
        .filter_map(|(id, at)| {
            catalog::service(id).map(|service| ActivatedService { service, activated_at: parse_ts(at) })
        })
        .collect();
    let available =
        catalog::services().into_iter().filter(|s| !activated.iter().any(|a| a.service.id == s.id)).collect();
    Ok(NumberServices { activated, available })
}

/// Activated services and the ones that can be enabled.
#[utoipa::path(get, path = "/api/v1/numbers/{msisdn}/services", tag = "services", security(("bearer" = [])),
    params(("msisdn" = String, Path)),
    responses((status = 200, body = NumberServices), (status = 401, body = Error), (status = 404, body = Error, description = "not_found")))]
pub async fn list(
    State(state): State<AppState>,
    admin: Admin,
    Path(msisdn): Path<String>,
) -> ApiResult<Json<NumberServices>> {
    owned_company(&state, &admin, &msisdn).await?;
    Ok(Json(services_of(&state, &msisdn).await?))
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
    Path((msisdn, service_id)): Path<(String, String)>,
) -> ApiResult<Json<ServiceChange>> {
    let company = owned_company(&state, &admin, &msisdn).await?;
    let service = catalog::service(&service_id).ok_or_else(ApiError::not_found)?;
    let action = format!("Service enabled: {}", service.name);
    let refuse = |code, message: String| ApiError(Error::new(code, message));
    let number = summary(&state, &msisdn).await?;
    let already: Option<i64> = sqlx::query_scalar("SELECT 1 FROM number_services WHERE msisdn = ? AND service_id = ?")
        .bind(&msisdn)
        .bind(&service_id)
        .fetch_optional(&state.db)
        .await?;
    let refusal = if already.is_some() {
        Some(refuse(ErrorCode::AlreadyEnabled, format!("\"{}\" is already enabled on this number.", service.name)))
    } else if number.state != NumberState::Active {
        Some(refuse(ErrorCode::NotAllowedInState, "Services can be enabled only on an active number.".into()))
    } else if number.balance < service.cost || number.available_funds.is_some_and(|f| f < service.cost) {
        Some(refuse(
            ErrorCode::InsufficientFunds,
            format!(
                "Not enough funds: the service costs {}, the number has {}.",
                service.cost,
                number.available_funds.unwrap_or(number.balance).min(number.balance)
            ),
        ))
    } else {
        None
    };
    if let Some(error) = refusal {
        record_action(&state, company, &admin, Some(&msisdn), &action, "Refused").await?;
        return Err(error);
    }
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    sqlx::query(
        "UPDATE numbers SET balance = balance - ?1,
             available_funds = CASE WHEN available_funds IS NULL THEN NULL ELSE available_funds - ?1 END,
             updated_at = ?2 WHERE msisdn = ?3",
    )
    .bind(service.cost.0)
    .bind(ts_micros(now))
    .bind(&msisdn)
    .execute(&mut *tx)
    .await?;
    sqlx::query("INSERT INTO number_services (msisdn, service_id, activated_at) VALUES (?, ?, ?)")
        .bind(&msisdn)
        .bind(&service_id)
        .bind(ts(now))
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    record_action(&state, company, &admin, Some(&msisdn), &action, "Success").await?;
    Ok(Json(ServiceChange { number: summary(&state, &msisdn).await?, services: services_of(&state, &msisdn).await? }))
}

/// Disables a service (no refund).
#[utoipa::path(delete, path = "/api/v1/numbers/{msisdn}/services/{service_id}", tag = "services", security(("bearer" = [])),
    params(("msisdn" = String, Path), ("service_id" = String, Path), ("Idempotency-Key" = String, Header)),
    responses(
        (status = 200, body = ServiceChange),
        (status = 401, body = Error),
        (status = 404, body = Error, description = "not_found: the number, or the service is not enabled"),
    ))]
pub async fn disable(
    State(state): State<AppState>,
    admin: Admin,
    Path((msisdn, service_id)): Path<(String, String)>,
) -> ApiResult<Json<ServiceChange>> {
    let company = owned_company(&state, &admin, &msisdn).await?;
    let service = catalog::service(&service_id).ok_or_else(ApiError::not_found)?;
    let removed = sqlx::query("DELETE FROM number_services WHERE msisdn = ? AND service_id = ?")
        .bind(&msisdn)
        .bind(&service_id)
        .execute(&state.db)
        .await?
        .rows_affected();
    if removed == 0 {
        return Err(ApiError::new(ErrorCode::NotFound, "This service is not enabled on the number."));
    }
    sqlx::query("UPDATE numbers SET updated_at = ? WHERE msisdn = ?")
        .bind(ts_micros(state.clock.now()))
        .bind(&msisdn)
        .execute(&state.db)
        .await?;
    record_action(&state, company, &admin, Some(&msisdn), &format!("Service disabled: {}", service.name), "Success")
        .await?;
    Ok(Json(ServiceChange { number: summary(&state, &msisdn).await?, services: services_of(&state, &msisdn).await? }))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ActionsQuery {
    /// Only actions at or after this time (RFC 3339).
    from: Option<DateTime<Utc>>,
    /// Only actions at or before this time (RFC 3339).
    to: Option<DateTime<Utc>>,
}

/// The actions of the company's administrators, newest first (at most 1000).
#[utoipa::path(get, path = "/api/v1/companies/{id}/actions", tag = "services", security(("bearer" = [])),
    params(("id" = i64, Path), ActionsQuery),
    responses((status = 200, body = ActionList), (status = 401, body = Error), (status = 404, body = Error, description = "not_found")))]
pub async fn actions(
    State(state): State<AppState>,
    admin: Admin,
    Path(company): Path<i64>,
    Query(q): Query<ActionsQuery>,
) -> ApiResult<Json<ActionList>> {
    super::companies::ensure_granted(&state, &admin, company).await?;
    let rows: Vec<(String, String, Option<String>, String, String, String)> = sqlx::query_as(
        "SELECT x.at, x.action, x.msisdn, x.status, a.name, a.phone FROM actions x JOIN admins a ON a.id = x.admin_id
         WHERE x.company_id = ? AND x.at >= ? AND x.at <= ? ORDER BY x.id DESC LIMIT 1000",
    )
    .bind(company)
    .bind(q.from.map(ts).unwrap_or_default())
    .bind(q.to.map(ts).unwrap_or_else(|| "9999".into()))
    .fetch_all(&state.db)
    .await?;
    let items = rows
        .into_iter()
        .map(|(at, action, msisdn, status, admin_name, admin_phone)| ActionRecord {
            at: parse_ts(&at),
            action,
            msisdn,
            status,
            admin_name,
            admin_phone,
        })
        .collect();
    Ok(Json(ActionList { items }))
}
