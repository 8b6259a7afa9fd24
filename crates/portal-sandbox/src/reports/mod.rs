//! The files of the company's e-mailed reports, one file per kind: each makes its report's file
//! from the sandbox's data as of the time the request was due, in Russian (the operator's files
//! are), with the app's own renderer (`kabinet_documents`). `store::reports` runs them when a
//! request completes; which request is allowed is `kabinet_core::rules::reports`.

mod numbers;
mod reconciliation;

use crate::error::{ApiError, ApiResult};
use chrono::{DateTime, Utc};
use kabinet_core::api::{Company, ReportKind, ReportRequest};
use kabinet_core::ErrorCode;
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

/// The report's name in the actions history (the manual's tab names).
pub fn history(kind: &ReportKind) -> &'static str {
    match kind {
        ReportKind::Numbers => "List of numbers report",
        ReportKind::Devices => "Registered devices report",
        ReportKind::Payments => "Payments report",
        ReportKind::AtlasPro => "Detailing for the Atlas Pro package",
        ReportKind::Reconciliation => "Reconciliation statement",
        ReportKind::Unknown(_) => "Report",
    }
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
        other => Err(ApiError::new(
            ErrorCode::NotFound,
            format!("This portal does not prepare the report \"{}\".", other.as_str()),
        )),
    }
}

/// The file's name: what, the company's BIN, and the day it was made (Kazakhstan).
pub fn file_name(what: &str, company: &Company, at: DateTime<Utc>, extension: &str) -> String {
    format!("{what}_{}_{}.{extension}", company.bin, kabinet_core::kz::today(at).format("%Y-%m-%d"))
}
