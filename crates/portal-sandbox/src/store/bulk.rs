//! The bulk check: for many numbers at once, whether each would be refused if the action were
//! asked now, and why, by the very checks the action's own route makes (`services::
//! enable_refusal`, `bans::refusal`, `blocking::refusal`, `secret_code::send_refusal`). It writes
//! nothing: no history row, no change, so a preview can ask it as often as it likes.

use super::{bans, blocking, numbers, secret_code, services, sim};
use crate::catalog;
use crate::error::{ApiError, ApiResult};
use kabinet_protocol::action::Action;
use kabinet_protocol::api::NumberCheck;
use kabinet_protocol::error::Reason;
use kabinet_protocol::ErrorCode;
use sqlx::SqliteConnection;

/// One row per number of `msisdns`, in their order: `error` as the action's route would answer
/// it, `not_found` (reason `not_in_company`) for a number that is not `company`'s. An unknown
/// service or ban is "not found" for the whole check, as its route would be. A SIM
/// replacement has each number's new SIM in `iccids` (one each, in the same order).
pub async fn check(
    conn: &mut SqliteConnection,
    company: i64,
    action: &Action,
    msisdns: &[String],
    iccids: &[String],
) -> ApiResult<Vec<NumberCheck>> {
    let one_each = if action.needs_iccids() { iccids.len() == msisdns.len() } else { iccids.is_empty() };
    if !one_each {
        return Err(ApiError::invalid_field(
            ErrorCode::InvalidInput,
            "iccids",
            "A SIM card replacement is checked with one new SIM (ICCID) for each number, and no other action with any.",
        ));
    }
    let service = match action {
        Action::ServiceEnable { service } | Action::ServiceDisable { service } => {
            Some(catalog::service(service).ok_or_else(ApiError::not_found)?)
        }
        Action::BanSet { ban } | Action::BanRemove { ban } if !ban.is_known() => {
            return Err(ApiError::not_found());
        }
        // Only a bulk action has a wire form, so no other can be asked; named all the same.
        other if !other.is_bulk() => {
            return Err(ApiError::invalid_field(
                ErrorCode::InvalidInput,
                "action",
                "This action cannot be checked for many numbers.",
            ));
        }
        _ => None,
    };
    let found = numbers::summaries_in_company(conn, company, msisdns).await?;
    let mut results = Vec::with_capacity(msisdns.len());
    for (i, msisdn) in msisdns.iter().enumerate() {
        let error = match found.get(msisdn) {
            None => Some(not_in_company()),
            Some(number) => match (action, &service) {
                (Action::Block, _) => blocking::refusal(true, &number.state),
                (Action::Unblock, _) => blocking::refusal(false, &number.state),
                (Action::ServiceEnable { .. }, Some(service)) => {
                    services::enable_refusal(conn, number, service).await?
                }
                (Action::ServiceDisable { .. }, Some(service)) => {
                    services::disable_refusal(conn, number, service).await?
                }
                (Action::BanSet { ban }, _) => bans::refusal(conn, number, ban, true).await?,
                (Action::BanRemove { ban }, _) => bans::refusal(conn, number, ban, false).await?,
                (Action::SecretCodeSend, _) => secret_code::send_refusal(&number.state),
                (Action::SimReplacement { .. }, _) => match sim::parse_iccid(&iccids[i]) {
                    Ok(iccid) => sim::refusal(conn, msisdn, &iccid).await?,
                    Err(invalid) => Some(invalid),
                },
                // The service was looked up above (an unknown one is answered there), and an
                // action without a bulk form was refused there.
                _ => Some(ApiError::not_found()),
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
