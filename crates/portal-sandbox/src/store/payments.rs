//! A number's payments and its payments report.
//!
//! Payments are derived, deterministically (no table holds them): a number's payments are its
//! shares of the payment orders that pay its account's invoices (`crate::billing::payments`),
//! the same orders the reconciliation statement lists as credits, so every number has payments
//! in every month and the three-month limit is visible in the demo. [`report`]
//! answers the administrator's request: the number's state must allow it (the shared table),
//! the period must pass `kabinet_protocol::rules::payments_period`, and the request is written to
//! the actions history either way, in the caller's transaction.

use super::actions::{self, Status};
use super::numbers::summary;
use super::{Actor, Outcome, Refused};
use crate::error::{ApiError, ApiResult};
use chrono::{DateTime, NaiveDate, Utc};
use kabinet_protocol::api::{Payment, PaymentsReport};
use kabinet_protocol::domain::{Email, Tiyn};
use kabinet_protocol::rules::number_actions::{self, ActionKind};
use kabinet_protocol::rules::payments_period;
use kabinet_protocol::ErrorCode;
use sqlx::SqliteConnection;

/// The payments of a number from `from` to `to` (days in Kazakhstan, both included) made by
/// `now`, oldest first: its shares of its account's payment orders
/// (`crate::billing::payments::of_numbers`, the reconciliation's credits). None for a number
/// the portal does not have.
pub async fn between(
    conn: &mut SqliteConnection,
    msisdn: &str,
    from: NaiveDate,
    to: NaiveDate,
    now: DateTime<Utc>,
) -> ApiResult<Vec<Payment>> {
    let row: Option<(i64, String)> = sqlx::query_as("SELECT company_id, account FROM numbers WHERE msisdn = ?")
        .bind(msisdn)
        .fetch_optional(&mut *conn)
        .await?;
    let Some((company_id, account)) = row else { return Ok(Vec::new()) };
    let account = crate::billing::subscribers(conn, company_id, Some(&account)).await?;
    Ok(crate::billing::payments::of_numbers(&account, from, to, now).remove(msisdn).unwrap_or_default())
}

/// The report an administrator asked for, or why the rules refused it (written to the history
/// as "Refused"). An e-mail that is no address is `invalid_email` naming the field `email`,
/// answered before anything is written.
pub async fn report(
    conn: &mut SqliteConnection,
    actor: Actor,
    msisdn: &str,
    from: NaiveDate,
    to: NaiveDate,
    email: &str,
    now: DateTime<Utc>,
) -> ApiResult<Outcome<PaymentsReport>> {
    let email =
        Email::parse(email).map_err(|e| ApiError::from(kabinet_protocol::Error::from(e).with_field("email")))?;
    let number = summary(conn, msisdn).await?;
    let refusal = if !number_actions::allows(&number.state, ActionKind::PaymentsReport) {
        Some(
            ApiError::new(ErrorCode::NotAllowedInState, "The number's state does not allow a payments report.")
                .with_param("state", number.state.as_str()),
        )
    } else {
        payments_period::check(from, to, now).err().map(ApiError)
    };
    if let Some(error) = refusal {
        actions::record(conn, actor, Some(msisdn), &ActionKind::PaymentsReport.history(), Status::Refused, now).await?;
        return Ok(Err(Refused(error)));
    }
    let payments = between(conn, msisdn, from, to, now).await?;
    let total = Tiyn(payments.iter().map(|p| p.amount.0).sum());
    actions::record(conn, actor, Some(msisdn), &ActionKind::PaymentsReport.history(), Status::Success, now).await?;
    Ok(Ok(PaymentsReport {
        msisdn: msisdn.to_string(),
        from,
        to,
        email: email.as_str().to_string(),
        sent_at: now,
        file_name: kabinet_documents::portal::payments_file_name(msisdn, from, to),
        payments,
        total,
    }))
}
