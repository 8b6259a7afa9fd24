//! "Reconciliation statement": the company's statement for the period asked (already checked
//! by `kabinet_protocol::rules::reports`: the last 12 months, last month's after the 3rd) as PDF or,
//! when asked, XLSX (the request's `format`), from the billing data
//! (`crate::billing::reconciliation`), as of the time the request was due.

use super::{file_name, ReportFile};
use crate::billing;
use crate::error::{ApiError, ApiResult};
use chrono::{DateTime, Utc};
use kabinet_protocol::api::{Company, FileFormat, ReportRequest};
use kabinet_protocol::ErrorCode;
use sqlx::SqliteConnection;

pub async fn render(
    conn: &mut SqliteConnection,
    company: &Company,
    req: &ReportRequest,
    at: DateTime<Utc>,
) -> ApiResult<ReportFile> {
    let (Some(from), Some(to)) = (req.from, req.to) else {
        return Err(ApiError::invalid_field(ErrorCode::InvalidInput, "from", "Choose the period's dates."));
    };
    let customer = billing::customer(conn, company.id).await?;
    let subscribers = billing::subscribers(conn, company.id, None).await?;
    let statement = billing::reconciliation::build(&customer, &subscribers, from, to, at);
    let (bytes, extension, content_type) = match req.file_format() {
        FileFormat::Pdf => (kabinet_documents::pdf::reconciliation(&statement), "pdf", billing::files::PDF),
        FileFormat::Xlsx => (kabinet_documents::reconciliation_xlsx(&statement), "xlsx", billing::files::XLSX),
    };
    let bytes = bytes.map_err(|e| {
        tracing::error!("the reconciliation statement could not be rendered: {e}");
        ApiError::new(ErrorCode::Internal, "The portal failed to make the document. Try again in a few minutes.")
    })?;
    Ok(ReportFile {
        file_name: file_name("reconciliation", company, Some((from, to)), at, extension),
        content_type: content_type.into(),
        bytes,
    })
}
