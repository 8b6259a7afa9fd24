//! The company's billing documents as the administrator asks for them, in the caller's
//! transaction: the availability rule (`kabinet_protocol::rules::document_months`), the actions
//! history row ("Success", or "Refused" with the refusal), and the data from `crate::billing`.
//! Malformed input is refused before anything is written (400 naming the field).

use super::actions::{self, Status};
use super::{Actor, Outcome, Refused};
use crate::billing::{self, certificate, invoices, Customer};
use crate::error::{ApiError, ApiResult};
use chrono::{DateTime, Utc};
use kabinet_documents::Certificate;
use kabinet_protocol::action::{ActionKind, HistoryAction};
use kabinet_protocol::api::{Invoice, InvoiceSearch, InvoiceSearchBy};
use kabinet_protocol::error::Reason;
use kabinet_protocol::rules::document_months::{self, MonthlyDocument, YearMonth};
use kabinet_protocol::ErrorCode;
use sqlx::SqliteConnection;

/// A month as the routes take it, `YYYY-MM`; anything else is 400 naming `field`.
pub fn parse_month(text: &str, field: &str) -> ApiResult<YearMonth> {
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let parsed = text
        .split_once('-')
        .filter(|(y, m)| y.len() == 4 && m.len() == 2 && digits(y) && digits(m))
        .and_then(|(y, m)| YearMonth::new(y.parse().ok()?, m.parse().ok()?));
    parsed.ok_or_else(|| {
        ApiError::invalid_field(ErrorCode::InvalidInput, field, format!("{field} is not a month (YYYY-MM): {text:?}."))
    })
}

/// Writes the history row of a request and answers its outcome.
async fn recorded<T>(
    conn: &mut SqliteConnection,
    actor: Actor,
    action: &HistoryAction,
    result: Result<T, kabinet_protocol::Error>,
    now: DateTime<Utc>,
) -> ApiResult<Outcome<T>> {
    let status = if result.is_ok() { Status::Success } else { Status::Refused };
    actions::record(conn, actor, None, action, status, now).await?;
    Ok(result.map_err(|e| Refused(ApiError(e))))
}

/// What the certificate is looked up by.
pub enum CertificateOf<'a> {
    Account(&'a str),
    Number(&'a str),
}

/// The certificate of an account (or of a number's account) for a month. Another company's
/// account or number is 404; a month not available yet or too old is 422 naming `month`.
pub async fn certificate(
    conn: &mut SqliteConnection,
    actor: Actor,
    of: CertificateOf<'_>,
    month: YearMonth,
    now: DateTime<Utc>,
) -> ApiResult<Outcome<Certificate>> {
    let account = match of {
        CertificateOf::Account(account) => {
            let owner: Option<i64> = sqlx::query_scalar("SELECT company_id FROM billing_accounts WHERE account = ?")
                .bind(account)
                .fetch_optional(&mut *conn)
                .await?;
            if owner != Some(actor.company_id) {
                return Err(ApiError::not_found());
            }
            account.to_string()
        }
        CertificateOf::Number(msisdn) => {
            let row: Option<String> =
                sqlx::query_scalar("SELECT account FROM numbers WHERE msisdn = ? AND company_id = ?")
                    .bind(msisdn)
                    .bind(actor.company_id)
                    .fetch_optional(&mut *conn)
                    .await?;
            row.ok_or_else(ApiError::not_found)?
        }
    };
    let customer = billing::customer(conn, actor.company_id).await?;
    let action = ActionKind::CertificatesRequest.history().of(customer.bin.as_str());
    let result = match document_months::check(MonthlyDocument::ServiceCertificate, month, month, now) {
        Err(e) => Err(e.with_field("month")),
        Ok(()) => {
            let subscribers = billing::subscribers(conn, actor.company_id, Some(&account)).await?;
            certificate::build(&customer, &account, &subscribers, month, now).ok_or_else(|| {
                kabinet_protocol::Error::refused(
                    ErrorCode::NotFound,
                    Reason::NothingBilled,
                    format!("The account {account} bills no number: it has no certificate."),
                )
            })
        }
    };
    recorded(conn, actor, &action, result, now).await
}

/// The invoices of the months `first` to `last`, and the company they are of.
pub async fn register(
    conn: &mut SqliteConnection,
    actor: Actor,
    first: YearMonth,
    last: YearMonth,
    now: DateTime<Utc>,
) -> ApiResult<Outcome<(Customer, Vec<Invoice>)>> {
    let customer = billing::customer(conn, actor.company_id).await?;
    let action = ActionKind::InvoiceRegister.history().of(customer.bin.as_str());
    let result = match document_months::check(MonthlyDocument::InvoiceRegister, first, last, now) {
        Err(e) => Err(e),
        Ok(()) => {
            let subscribers = billing::subscribers(conn, actor.company_id, None).await?;
            Ok((customer.clone(), invoices::register(&customer, &subscribers, first, last)))
        }
    };
    recorded(conn, actor, &action, result, now).await
}

/// The invoice searched for and its numbers.
pub async fn search(
    conn: &mut SqliteConnection,
    actor: Actor,
    by: InvoiceSearchBy,
    number: &str,
    year: i32,
    now: DateTime<Utc>,
) -> ApiResult<Outcome<(Customer, InvoiceSearch)>> {
    invoices::check_number(by, number)?;
    let customer = billing::customer(conn, actor.company_id).await?;
    let subscribers = billing::subscribers(conn, actor.company_id, None).await?;
    let action = ActionKind::InvoiceSearch.history().of(customer.bin.as_str());
    let result = invoices::search(&customer, &subscribers, by, number, year, now).map(|found| (customer, found));
    recorded(conn, actor, &action, result.map_err(|ApiError(e)| e), now).await
}
