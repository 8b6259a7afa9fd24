//! "Reconciliation statement": the company's statement for the period asked (already checked
//! by `kabinet_core::rules::reports`: the last 12 months, last month's after the 3rd) as PDF,
//! from the billing data (`crate::billing::reconciliation`), as of the time the request was due.

use super::{file_name, ReportFile};
use crate::billing;
use crate::error::{ApiError, ApiResult};
use chrono::{DateTime, Utc};
use kabinet_core::api::{Company, ReportRequest};
use kabinet_core::ErrorCode;
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
    let bytes = kabinet_documents::pdf::reconciliation(&statement).map_err(|e| {
        tracing::error!("the reconciliation statement could not be rendered: {e}");
        ApiError::new(ErrorCode::Internal, "The portal failed to make the document. Try again in a few minutes.")
    })?;
    Ok(ReportFile {
        file_name: file_name("reconciliation", company, at, "pdf"),
        content_type: billing::files::PDF.into(),
        bytes,
    })
}
