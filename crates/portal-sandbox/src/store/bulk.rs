//! The bulk check: for many numbers at once, whether each would be refused if the action were
//! asked now, and why, by the very checks the action's own route makes (`services::
//! enable_refusal`, `bans::refusal`, `blocking::refusal`, `secret_code::send_refusal`). It writes
//! nothing: no history row, no change, so a preview can ask it as often as it likes.

use super::{bans, blocking, numbers, secret_code, services};
use crate::catalog;
use crate::error::{ApiError, ApiResult};
use kabinet_protocol::api::{BulkAction, NumberCheck};
use kabinet_protocol::error::Reason;
use kabinet_protocol::ErrorCode;
use sqlx::SqliteConnection;

/// One row per number of `msisdns`, in their order: `error` as the action's route would answer
/// it, `not_found` (reason `not_in_company`) for a number that is not `company`'s. An unknown
/// service or ban is "not found" for the whole check, as its route would be.
pub async fn check(
    conn: &mut SqliteConnection,
    company: i64,
    action: &BulkAction,
    msisdns: &[String],
) -> ApiResult<Vec<NumberCheck>> {
    let service = match action {
        BulkAction::ServiceOn { service } | BulkAction::ServiceOff { service } => {
            Some(catalog::service(service).ok_or_else(ApiError::not_found)?)
        }
        BulkAction::BanOn { ban } | BulkAction::BanOff { ban } if !ban.is_known() => {
            return Err(ApiError::not_found());
        }
        _ => None,
    };
    let found = numbers::summaries_in_company(conn, company, msisdns).await?;
    let mut results = Vec::with_capacity(msisdns.len());
    for msisdn in msisdns {
        let error = match found.get(msisdn) {
            None => Some(not_in_company()),
            Some(number) => match (action, &service) {
                (BulkAction::Block, _) => blocking::refusal(true, &number.state),
                (BulkAction::Unblock, _) => blocking::refusal(false, &number.state),
                (BulkAction::ServiceOn { .. }, Some(service)) => {
                    services::enable_refusal(conn, number, service).await?
                }
                (BulkAction::ServiceOff { .. }, Some(service)) => {
                    services::disable_refusal(conn, number, service).await?
                }
                (BulkAction::BanOn { ban }, _) => bans::refusal(conn, number, ban, true).await?,
                (BulkAction::BanOff { ban }, _) => bans::refusal(conn, number, ban, false).await?,
                (BulkAction::SendSecretCode, _) => secret_code::send_refusal(&number.state),
                // The service was looked up above (an unknown one is answered there).
                (BulkAction::ServiceOn { .. } | BulkAction::ServiceOff { .. }, None) => Some(ApiError::not_found()),
            },
        };
        results.push(NumberCheck { msisdn: msisdn.clone(), error: error.map(|e| e.0) });
    }
    Ok(results)
}

/// A number that is not the company's: what its own route would answer (404), with the reason.
fn not_in_company() -> ApiError {
    ApiError::refused(ErrorCode::NotFound, Reason::NotInCompany, "This number is not one of the company's numbers.")
}
