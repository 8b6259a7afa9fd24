//! The `documents` table, the offline library: every file the app downloaded or made (reports,
//! certificates, registers, exports), kept for the administrator who fetched it, readable
//! offline.
//!
//! A file is its bytes plus what it is: its kind, company, subject (the account or number it is
//! about), period, when it was fetched, and the wire data it was made from (`detail`, JSON), so
//! a screen can show its figures again without the portal. Lists leave the bytes out; [`load`]
//! reads one file whole.

use super::Owner;
use crate::error::Result;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use sqlx::SqliteExecutor;

/// What a kept file is, by its stored name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// A number's payments report.
    PaymentsReport,
    /// The company's e-mailed reports (`api::ReportKind`).
    NumbersReport,
    DevicesReport,
    CompanyPaymentsReport,
    AtlasProReport,
    Reconciliation,
    /// Service delivery certificate and invoice breakdown (PDF or XLSX).
    Certificate,
    InvoiceRegister,
    /// The numbers found by an invoice, as a file.
    InvoiceSearch,
    ActionsHistory,
    /// The app's own exports: the numbers list (XLSX or CSV) and a number's usage details.
    NumbersList,
    UsageDetails,
    /// A bulk action's results, one row per number.
    BulkResults,
    /// Spend by cost centre and month, with the numbers under each (`spend::chargeback`).
    Chargeback,
}

impl DocumentKind {
    pub const ALL: [DocumentKind; 14] = [
        DocumentKind::PaymentsReport,
        DocumentKind::NumbersReport,
        DocumentKind::DevicesReport,
        DocumentKind::CompanyPaymentsReport,
        DocumentKind::AtlasProReport,
        DocumentKind::Reconciliation,
        DocumentKind::Certificate,
        DocumentKind::InvoiceRegister,
        DocumentKind::InvoiceSearch,
        DocumentKind::ActionsHistory,
        DocumentKind::NumbersList,
        DocumentKind::UsageDetails,
        DocumentKind::BulkResults,
        DocumentKind::Chargeback,
    ];

    /// The kind of a stored name; none for a name this version does not know.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == name)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::PaymentsReport => "payments_report",
            DocumentKind::NumbersReport => "numbers_report",
            DocumentKind::DevicesReport => "devices_report",
            DocumentKind::CompanyPaymentsReport => "company_payments_report",
            DocumentKind::AtlasProReport => "atlas_pro_report",
            DocumentKind::Reconciliation => "reconciliation",
            DocumentKind::Certificate => "certificate",
            DocumentKind::InvoiceRegister => "invoice_register",
            DocumentKind::InvoiceSearch => "invoice_search",
            DocumentKind::ActionsHistory => "actions_history",
            DocumentKind::NumbersList => "numbers_list",
            DocumentKind::UsageDetails => "usage_details",
            DocumentKind::BulkResults => "bulk_results",
            DocumentKind::Chargeback => "chargeback",
        }
    }

    /// The library's kind of a company report.
    pub fn of_report(kind: &crate::api::ReportKind) -> Option<Self> {
        use crate::api::ReportKind;
        Some(match kind {
            ReportKind::Numbers => DocumentKind::NumbersReport,
            ReportKind::Devices => DocumentKind::DevicesReport,
            ReportKind::Payments => DocumentKind::CompanyPaymentsReport,
            ReportKind::AtlasPro => DocumentKind::AtlasProReport,
            ReportKind::Reconciliation => DocumentKind::Reconciliation,
            ReportKind::Unknown(_) => return None,
        })
    }
}

/// A file to keep.
#[derive(Debug, Clone)]
pub struct NewDocument<'a> {
    pub kind: DocumentKind,
    pub company_id: Option<i64>,
    /// The account or number it is about, as shown.
    pub subject: Option<&'a str>,
    /// The portal's request that prepared it (saved once per request).
    pub request_id: Option<&'a str>,
    pub msisdn: Option<&'a str>,
    pub period: Option<(NaiveDate, NaiveDate)>,
    pub file_name: &'a str,
    pub content_type: &'a str,
    pub bytes: &'a [u8],
    /// The wire data the file was made from, as JSON.
    pub detail: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// A kept file, without its bytes (for lists).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentInfo {
    pub id: i64,
    pub kind: DocumentKind,
    pub company_id: Option<i64>,
    pub subject: Option<String>,
    pub msisdn: Option<String>,
    pub period_from: Option<NaiveDate>,
    pub period_to: Option<NaiveDate>,
    pub file_name: String,
    pub size: i64,
    pub created_at: DateTime<Utc>,
}

/// A kept file, whole.
#[derive(Debug, Clone)]
pub struct Document {
    pub info: DocumentInfo,
    pub content_type: String,
    pub bytes: Vec<u8>,
    pub detail: Option<String>,
}

/// Keeps a file for `owner`; returns what the library lists for it, from the row written (the
/// file is not read back: a chargeback is tens of megabytes).
pub async fn save(db: impl SqliteExecutor<'_>, owner: &Owner, doc: &NewDocument<'_>) -> Result<DocumentInfo> {
    let row: InfoRow = sqlx::query_as(&format!(
        "INSERT INTO documents (portal, admin_phone, kind, company_id, subject, request_id, msisdn, period_from,
                                period_to, file_name, content_type, bytes, detail, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING {INFO_COLUMNS}"
    ))
    .bind(&owner.portal)
    .bind(&owner.admin)
    .bind(doc.kind.as_str())
    .bind(doc.company_id)
    .bind(doc.subject)
    .bind(doc.request_id)
    .bind(doc.msisdn)
    .bind(doc.period.map(|(from, _)| from.to_string()))
    .bind(doc.period.map(|(_, to)| to.to_string()))
    .bind(doc.file_name)
    .bind(doc.content_type)
    .bind(doc.bytes)
    .bind(doc.detail.as_deref())
    .bind(doc.created_at.to_rfc3339())
    .fetch_one(db)
    .await
    .map_err(crate::Error::cache)?;
    let kind = doc.kind.as_str();
    info(row).ok_or_else(|| crate::Error::cache(format!("the document kind {kind} was not read back")))
}

#[derive(sqlx::FromRow)]
struct InfoRow {
    id: i64,
    kind: String,
    company_id: Option<i64>,
    subject: Option<String>,
    msisdn: Option<String>,
    period_from: Option<String>,
    period_to: Option<String>,
    file_name: String,
    size: i64,
    created_at: String,
}

const INFO_COLUMNS: &str =
    "id, kind, company_id, subject, msisdn, period_from, period_to, file_name, length(bytes) AS size, created_at";

/// A row as a file's info; none for a kind this version does not know (a newer version kept it),
/// which this one neither lists nor opens.
fn info(row: InfoRow) -> Option<DocumentInfo> {
    let InfoRow {
        id,
        kind,
        company_id,
        subject,
        msisdn,
        period_from: from,
        period_to: to,
        file_name,
        size,
        created_at,
    } = row;
    let date = |d: Option<String>| d.and_then(|d| d.parse().ok());
    Some(DocumentInfo {
        id,
        kind: DocumentKind::parse(&kind)?,
        company_id,
        subject,
        msisdn,
        period_from: date(from),
        period_to: date(to),
        file_name,
        size,
        created_at: super::parse_time(&created_at),
    })
}

/// `owner`'s files of `kind` about a number, newest first.
pub async fn of_number(
    db: impl SqliteExecutor<'_>,
    owner: &Owner,
    msisdn: &str,
    kind: DocumentKind,
) -> Result<Vec<DocumentInfo>> {
    let rows: Vec<InfoRow> = sqlx::query_as(&format!(
        "SELECT {INFO_COLUMNS} FROM documents WHERE portal = ? AND admin_phone = ? AND msisdn = ? AND kind = ?
         ORDER BY created_at DESC, id DESC"
    ))
    .bind(&owner.portal)
    .bind(&owner.admin)
    .bind(msisdn)
    .bind(kind.as_str())
    .fetch_all(db)
    .await
    .map_err(crate::Error::cache)?;
    Ok(rows.into_iter().filter_map(info).collect())
}

/// One of `owner`'s files, whole; `None` when it is not theirs or not there.
pub async fn load(db: impl SqliteExecutor<'_>, owner: &Owner, id: i64) -> Result<Option<Document>> {
    #[derive(sqlx::FromRow)]
    struct FileRow {
        #[sqlx(flatten)]
        info: InfoRow,
        content_type: String,
        bytes: Vec<u8>,
        detail: Option<String>,
    }
    let row: Option<FileRow> = sqlx::query_as(&format!(
        "SELECT {INFO_COLUMNS}, content_type, bytes, detail FROM documents
             WHERE portal = ? AND admin_phone = ? AND id = ?"
    ))
    .bind(&owner.portal)
    .bind(&owner.admin)
    .bind(id)
    .fetch_optional(db)
    .await
    .map_err(crate::Error::cache)?;
    Ok(row.and_then(|r| {
        Some(Document { info: info(r.info)?, content_type: r.content_type, bytes: r.bytes, detail: r.detail })
    }))
}

/// What the library screen asks for: any of a company, a kind, and text found in the file's
/// name or subject, or a number typed as the window shows it (`+7 701 054 20 07`) found in the
/// file's number. Empty means everything.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(default)]
pub struct LibraryFilter {
    pub company_id: Option<i64>,
    pub kind: Option<DocumentKind>,
    pub text: Option<String>,
}

/// The most entries a library list returns.
pub const LIST_LIMIT: i64 = 1000;

/// `owner`'s files matching `filter`, newest first, at most [`LIST_LIMIT`].
pub async fn list(db: impl SqliteExecutor<'_>, owner: &Owner, filter: &LibraryFilter) -> Result<Vec<DocumentInfo>> {
    let text = filter.text.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(|t| {
        // LIKE's own characters are matched as themselves.
        let escaped = t.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
        format!("%{escaped}%")
    });
    // The window writes a file's number as `+7 701 054 20 07`; the cache keeps its digits.
    let digits = filter.text.as_deref().and_then(crate::domain::phone_query_digits).map(|d| format!("%{d}%"));
    let rows: Vec<InfoRow> = sqlx::query_as(&format!(
        "SELECT {INFO_COLUMNS} FROM documents WHERE portal = ?1 AND admin_phone = ?2
            AND (?3 IS NULL OR company_id = ?3) AND (?4 IS NULL OR kind = ?4)
            AND (?5 IS NULL OR file_name LIKE ?5 ESCAPE '\\' OR subject LIKE ?5 ESCAPE '\\' OR msisdn LIKE ?6)
         ORDER BY created_at DESC, id DESC LIMIT {LIST_LIMIT}"
    ))
    .bind(&owner.portal)
    .bind(&owner.admin)
    .bind(filter.company_id)
    .bind(filter.kind.map(DocumentKind::as_str))
    .bind(text)
    .bind(digits)
    .fetch_all(db)
    .await
    .map_err(crate::Error::cache)?;
    Ok(rows.into_iter().filter_map(info).collect())
}

/// The file saved for a portal request, if it was saved already.
pub async fn of_request(db: impl SqliteExecutor<'_>, owner: &Owner, request_id: &str) -> Result<Option<DocumentInfo>> {
    let row: Option<InfoRow> = sqlx::query_as(&format!(
        "SELECT {INFO_COLUMNS} FROM documents WHERE portal = ? AND admin_phone = ? AND request_id = ?"
    ))
    .bind(&owner.portal)
    .bind(&owner.admin)
    .bind(request_id)
    .fetch_optional(db)
    .await
    .map_err(crate::Error::cache)?;
    Ok(row.and_then(info))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cache::Cache;

    #[tokio::test]
    async fn files_are_kept_per_administrator_and_listed_newest_first_without_bytes() {
        let cache = Cache::in_memory().await.unwrap();
        let a = Owner::new("demo", "77010016515");
        let b = Owner::new("demo", "77071234567");
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        let at = |h| DateTime::parse_from_rfc3339(&format!("2026-05-20T{h:02}:00:00Z")).unwrap().with_timezone(&Utc);
        let doc = |bytes: &'static [u8], created_at| NewDocument {
            kind: DocumentKind::PaymentsReport,
            company_id: Some(1),
            subject: Some("77010542007"),
            request_id: None,
            msisdn: Some("77010542007"),
            period: Some((d(4, 20), d(5, 20))),
            file_name: "payments.xlsx",
            content_type: "application/octet-stream",
            bytes,
            detail: Some("{}".into()),
            created_at,
        };
        let first = save(cache.pool(), &a, &doc(b"PK one", at(1))).await.unwrap().id;
        let second = save(cache.pool(), &a, &doc(b"PK two!", at(2))).await.unwrap();
        let list = of_number(cache.pool(), &a, "77010542007", DocumentKind::PaymentsReport).await.unwrap();
        assert_eq!(list[0], second, "the info a save gives is the one listed");
        let second = second.id;
        assert_eq!(list.iter().map(|i| i.id).collect::<Vec<_>>(), vec![second, first]);
        assert_eq!((list[0].size, list[0].period_from, list[0].created_at), (7, Some(d(4, 20)), at(2)));
        assert_eq!(load(cache.pool(), &a, first).await.unwrap().unwrap().bytes, b"PK one");

        // The number as the window writes it finds the file.
        let shown = LibraryFilter { text: Some("+7 701 054 20 07".into()), ..Default::default() };
        assert_eq!(super::list(cache.pool(), &a, &shown).await.unwrap().len(), 2);
        assert!(of_number(cache.pool(), &b, "77010542007", DocumentKind::PaymentsReport).await.unwrap().is_empty());
        assert!(load(cache.pool(), &b, first).await.unwrap().is_none(), "another administrator cannot open it");
    }

    #[tokio::test]
    async fn the_library_filters_by_company_kind_and_text_and_keeps_a_request_once() {
        let cache = Cache::in_memory().await.unwrap();
        let a = Owner::new("demo", "77010016515");
        let at = DateTime::parse_from_rfc3339("2026-05-20T01:00:00Z").unwrap().with_timezone(&Utc);
        let doc = |kind, company, subject, file_name, request_id| NewDocument {
            kind,
            company_id: Some(company),
            subject,
            request_id,
            msisdn: None,
            period: None,
            file_name,
            content_type: "application/pdf",
            bytes: b"%PDF",
            detail: None,
            created_at: at,
        };
        let cert =
            save(cache.pool(), &a, &doc(DocumentKind::Certificate, 1, Some("25060854"), "Акт_2026-04.pdf", None))
                .await
                .unwrap()
                .id;
        let report =
            save(cache.pool(), &a, &doc(DocumentKind::NumbersReport, 2, None, "numbers_100%.xlsx", Some("r1")))
                .await
                .unwrap()
                .id;
        let ids = |f: LibraryFilter| {
            let pool = cache.pool().clone();
            let a = a.clone();
            async move { list(&pool, &a, &f).await.unwrap().into_iter().map(|d| d.id).collect::<Vec<_>>() }
        };
        assert_eq!(ids(LibraryFilter::default()).await, vec![report, cert]);
        assert_eq!(ids(LibraryFilter { company_id: Some(1), ..Default::default() }).await, vec![cert]);
        assert_eq!(
            ids(LibraryFilter { kind: Some(DocumentKind::NumbersReport), ..Default::default() }).await,
            vec![report]
        );
        assert_eq!(ids(LibraryFilter { text: Some(" 2506 ".into()), ..Default::default() }).await, vec![cert]);
        assert_eq!(
            ids(LibraryFilter { text: Some("акт".into()), ..Default::default() }).await,
            Vec::<i64>::new(),
            "SQLite's LIKE folds ASCII only"
        );
        assert_eq!(ids(LibraryFilter { text: Some("Акт".into()), ..Default::default() }).await, vec![cert]);
        assert_eq!(
            ids(LibraryFilter { text: Some("%".into()), ..Default::default() }).await,
            vec![report],
            "% is itself"
        );
        assert_eq!(of_request(cache.pool(), &a, "r1").await.unwrap().map(|d| d.id), Some(report));
        let again =
            save(cache.pool(), &a, &doc(DocumentKind::NumbersReport, 2, None, "numbers.xlsx", Some("r1"))).await;
        assert!(again.is_err(), "a request's file is kept once");
    }
}
