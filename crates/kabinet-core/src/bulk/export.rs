//! A run's results as XLSX (`export::bulk_table`), kept in the documents library like every
//! export. The items are read from the cache in pages.

use crate::bulk::Bulk;
use crate::cache::bulk as table;
use crate::cache::documents::{DocumentInfo, DocumentKind, NewDocument};
use crate::error::{Error, ErrorCode, Result};
use crate::export::{bulk_file_name, bulk_table};
use crate::library::Library;
use crate::numbers::Numbers;
use crate::session::Session;
use crate::settings::Language;
use chrono::Utc;

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

pub(super) async fn export(session: &Session, run_id: &str, lang: Language) -> Result<DocumentInfo> {
    let run = Bulk::new(session).get(run_id).await?;
    let pool = session.cache.pool();
    let mut items = Vec::with_capacity(usize::try_from(run.total).unwrap_or(0));
    let mut offset = 0;
    loop {
        let page = table::items(pool, run_id, offset, 5_000).await?;
        let Some(last) = page.last() else { break };
        offset = last.position + 1;
        items.extend(page);
    }
    let company = Numbers::new(session).export_company(run.company_id).await?;
    let now = Utc::now();
    let file_name = bulk_file_name(&run, now);
    let subject = run.action.name().to_string();
    let run_for_table = run.clone();
    let bytes = tokio::task::spawn_blocking(move || {
        kabinet_documents::xlsx(&bulk_table(&run_for_table, &items, &company, lang, now))
    })
    .await
    .map_err(|e| Error::new(ErrorCode::Internal, format!("The export failed: {e}")))??;
    let doc = NewDocument {
        kind: DocumentKind::BulkResults,
        company_id: Some(run.company_id),
        subject: Some(&subject),
        request_id: None,
        msisdn: None,
        period: None,
        file_name: &file_name,
        content_type: XLSX,
        bytes: &bytes,
        detail: None,
        created_at: now,
    };
    Library::new(session).save(&doc).await
}
