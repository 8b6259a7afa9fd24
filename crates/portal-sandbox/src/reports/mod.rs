//! The files of the company's e-mailed reports, one file per kind: each makes its report's file
//! from the sandbox's data as of the time the request was due, in Russian (the operator's files
//! are), with the app's own renderer (`kabinet_documents`). `store::reports` runs them when a
//! request completes; which request is allowed is `kabinet_protocol::rules::reports`.

mod atlas_pro;
mod devices;
mod numbers;
pub(crate) mod payments;
mod reconciliation;
#[cfg(test)]
pub(crate) mod test_db;
#[cfg(test)]
mod tests;

use crate::error::{ApiError, ApiResult};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use kabinet_documents::{Language, Title};
use kabinet_protocol::api::{Company, ReportKind, ReportRequest};
use kabinet_protocol::ErrorCode;
use sqlx::SqliteConnection;

/// The content type of an XLSX file.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// A finished report's file.
#[derive(Debug, Clone)]
pub struct ReportFile {
    pub file_name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// Makes the file of `req` for `company` as of `at`.
pub async fn render(
    conn: &mut SqliteConnection,
    company: &Company,
    req: &ReportRequest,
    at: DateTime<Utc>,
) -> ApiResult<ReportFile> {
    match &req.kind {
        ReportKind::Numbers => numbers::render(conn, company, at).await,
        ReportKind::Reconciliation => reconciliation::render(conn, company, req, at).await,
        ReportKind::Devices => devices::render(conn, company, at).await,
        ReportKind::Payments => payments::render(conn, company, req, at).await,
        ReportKind::AtlasPro => atlas_pro::render(conn, company, req, at).await,
        other => Err(ApiError::new(
            ErrorCode::NotFound,
            format!("This portal does not prepare the report \"{}\".", other.as_str()),
        )),
    }
}

/// The file's name: what, the company's BIN, then the period's days when the report has one
/// (`reconciliation_<BIN>_2026-09-07_2026-11-30.pdf`: two periods never share a name), else the
/// day it was made (Kazakhstan) for a list as of that day. The same report asked twice has the
/// same name; the library and the CLI then keep both (`name (2).ext`).
pub fn file_name(
    what: &str,
    company: &Company,
    period: Option<(NaiveDate, NaiveDate)>,
    at: DateTime<Utc>,
    extension: &str,
) -> String {
    let when = match period {
        Some((from, to)) => format!("{}_{}", from.format("%Y-%m-%d"), to.format("%Y-%m-%d")),
        None => kabinet_protocol::kz::today(at).format("%Y-%m-%d").to_string(),
    };
    format!("{what}_{}_{when}.{extension}", company.bin)
}

/// The period of a request whose kind has one (checked by the rule when it was accepted).
pub(crate) fn period(req: &ReportRequest) -> ApiResult<(NaiveDate, NaiveDate)> {
    match (req.from, req.to) {
        (Some(from), Some(to)) => Ok((from, to)),
        _ => Err(ApiError(kabinet_protocol::Error::invalid_field(
            ErrorCode::InvalidInput,
            "from",
            "The report needs a period.",
        ))),
    }
}

/// The operator's title block of a company report, in Russian: what, the company and its BIN,
/// the period when there is one, and when it was made (Kazakhstan time).
pub(crate) fn title(
    what: &str,
    company: &Company,
    period: Option<(NaiveDate, NaiveDate)>,
    now: DateTime<Utc>,
) -> Title {
    Title {
        what: what.into(),
        company: Some(company.name.clone()),
        bin: Some(company.bin.clone()),
        number: None,
        period,
        generated_at: local(now),
        lang: Language::Ru,
        notes: Vec::new(),
    }
}

/// A moment as Kazakhstan's wall-clock time, as the files show it.
pub(crate) fn local(at: DateTime<Utc>) -> NaiveDateTime {
    at.with_timezone(&kabinet_protocol::kz::offset()).naive_local()
}
