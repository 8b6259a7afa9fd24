//! Services on a number, with the operator's rules: a service cannot be enabled twice, the
//! number's state must allow the change (the shared table `kabinet_protocol::rules::number_actions`:
//! enabling only on an active number), the cost is charged to the balance (prepaid)
//! or the remaining credit limit (and the individual limit, when one is set) and refused when
//! they are short. Every change, and every refusal, is written to the actions history in the
//! same transaction.

use super::actions::{self, Status};
use super::numbers::summary;
use super::{Actor, Outcome, Refused};
use crate::catalog;
use crate::db::{parse_ts, ts, ts_micros};
use crate::error::{ApiError, ApiResult};
use chrono::{DateTime, Utc};
use kabinet_protocol::api::{ActivatedService, NumberServices, NumberSummary, Service, ServiceChange};
use kabinet_protocol::error::Reason;
use kabinet_protocol::rules::number_actions::{self, ActionKind};
use kabinet_protocol::ErrorCode;
use sqlx::SqliteConnection;

/// Activated services and the ones that can be enabled.
pub async fn of(conn: &mut SqliteConnection, msisdn: &str) -> ApiResult<NumberServices> {
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT service_id, activated_at FROM number_services WHERE msisdn = ? ORDER BY activated_at")
            .bind(msisdn)
            .fetch_all(&mut *conn)
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

/// The number and its services after a change.
async fn change(conn: &mut SqliteConnection, msisdn: &str) -> ApiResult<ServiceChange> {
    Ok(ServiceChange { number: summary(conn, msisdn).await?, services: of(conn, msisdn).await? })
}

/// Why enabling `service` on the number (its summary `number`) would be refused now, if it would:
/// already enabled, a state that does not allow it, or short funds. Writes nothing (the bulk
/// check asks it too).
pub async fn enable_refusal(
    conn: &mut SqliteConnection,
    number: &NumberSummary,
    service: &Service,
) -> ApiResult<Option<ApiError>> {
    let refuse = |code, message: String| ApiError::new(code, message);
    Ok(if is_enabled(conn, &number.msisdn, &service.id).await? {
        Some(refuse(ErrorCode::AlreadyEnabled, format!("\"{}\" is already enabled on this number.", service.name)))
    } else if let Some((reason, message)) = number_actions::refusal(&number.state, ActionKind::ServiceEnable) {
        Some(
            ApiError::refused(ErrorCode::NotAllowedInState, reason, message).with_param("state", number.state.as_str()),
        )
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
    })
}

/// Enables a service, charging its cost; refused (and written so) by the rules above.
pub async fn enable(
    conn: &mut SqliteConnection,
    actor: Actor,
    msisdn: &str,
    service: &Service,
    now: DateTime<Utc>,
) -> ApiResult<Outcome<ServiceChange>> {
    let action = ActionKind::ServiceEnable.history().of(service.name.as_str());
    let number = summary(conn, msisdn).await?;
    let refusal = enable_refusal(conn, &number, service).await?;
    if let Some(error) = refusal {
        actions::record(conn, actor, Some(msisdn), &action, Status::Refused, now).await?;
        return Ok(Err(Refused(error)));
    }
    sqlx::query(
        "UPDATE numbers SET balance = balance - ?1,
             available_funds = CASE WHEN available_funds IS NULL THEN NULL ELSE available_funds - ?1 END,
             updated_at = ?2 WHERE msisdn = ?3",
    )
    .bind(service.cost.0)
    .bind(ts_micros(now))
    .bind(msisdn)
    .execute(&mut *conn)
    .await?;
    sqlx::query("INSERT INTO number_services (msisdn, service_id, activated_at) VALUES (?, ?, ?)")
        .bind(msisdn)
        .bind(&service.id)
        .bind(ts(now))
        .execute(&mut *conn)
        .await?;
    actions::record(conn, actor, Some(msisdn), &action, Status::Success, now).await?;
    Ok(Ok(change(conn, msisdn).await?))
}

/// Why disabling `service` on the number would be refused now, if it would: a state that does
/// not allow it (a rule's refusal), or the service not enabled (`not_found`). Writes nothing.
pub async fn disable_refusal(
    conn: &mut SqliteConnection,
    number: &NumberSummary,
    service: &Service,
) -> ApiResult<Option<ApiError>> {
    if let Some((reason, message)) = number_actions::refusal(&number.state, ActionKind::ServiceDisable) {
        let error =
            ApiError::refused(ErrorCode::NotAllowedInState, reason, message).with_param("state", number.state.as_str());
        return Ok(Some(error));
    }
    Ok((!is_enabled(conn, &number.msisdn, &service.id).await?).then(not_enabled))
}

/// Whether the service is enabled on the number.
async fn is_enabled(conn: &mut SqliteConnection, msisdn: &str, service_id: &str) -> ApiResult<bool> {
    let found: Option<i64> = sqlx::query_scalar("SELECT 1 FROM number_services WHERE msisdn = ? AND service_id = ?")
        .bind(msisdn)
        .bind(service_id)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(found.is_some())
}

/// The answer to disabling a service that is not enabled (not a rule's refusal: no history row).
fn not_enabled() -> ApiError {
    ApiError::refused(ErrorCode::NotFound, Reason::ServiceNotEnabled, "This service is not enabled on the number.")
}

/// Disables a service (no refund); "not found" when it is not enabled; refused (and written so)
/// when the number's state does not allow it.
pub async fn disable(
    conn: &mut SqliteConnection,
    actor: Actor,
    msisdn: &str,
    service: &Service,
    now: DateTime<Utc>,
) -> ApiResult<Outcome<ServiceChange>> {
    let action = ActionKind::ServiceDisable.history().of(service.name.as_str());
    let number = summary(conn, msisdn).await?;
    match disable_refusal(conn, &number, service).await? {
        Some(error) if error.0.code == ErrorCode::NotFound => return Err(error),
        Some(error) => {
            actions::record(conn, actor, Some(msisdn), &action, Status::Refused, now).await?;
            return Ok(Err(Refused(error)));
        }
        None => {}
    }
    let removed = sqlx::query("DELETE FROM number_services WHERE msisdn = ? AND service_id = ?")
        .bind(msisdn)
        .bind(&service.id)
        .execute(&mut *conn)
        .await?
        .rows_affected();
    if removed == 0 {
        return Err(not_enabled());
    }
    sqlx::query("UPDATE numbers SET updated_at = ? WHERE msisdn = ?")
        .bind(ts_micros(now))
        .bind(msisdn)
        .execute(&mut *conn)
        .await?;
    actions::record(conn, actor, Some(msisdn), &action, Status::Success, now).await?;
    Ok(Ok(change(conn, msisdn).await?))
}
