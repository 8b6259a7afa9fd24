//! The `documents` table: files kept for the administrator who fetched them (the payments
//! report by number; documents and reports of the offline library next), readable offline.
//!
//! A file is its bytes plus what it is: its kind, the number and period it covers, when it was
//! made, and the wire data it was made from (`detail`, JSON), so a screen can show its figures
//! again without the portal. Lists leave the bytes out; [`load`] reads one file whole.

use super::Owner;
use crate::error::Result;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use sqlx::SqliteExecutor;

/// What a kept file is, by its stored name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    PaymentsReport,
}

impl DocumentKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::PaymentsReport => "payments_report",
        }
    }
}

/// A file to keep.
#[derive(Debug, Clone)]
pub struct NewDocument<'a> {
    pub kind: DocumentKind,
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
    pub kind: String,
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

/// Keeps a file for `owner`; returns its id.
pub async fn save(db: impl SqliteExecutor<'_>, owner: &Owner, doc: &NewDocument<'_>) -> Result<i64> {
    let id = sqlx::query_scalar(
        "INSERT INTO documents (portal, admin_phone, kind, msisdn, period_from, period_to, file_name, content_type,
                                bytes, detail, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(&owner.portal)
    .bind(&owner.admin)
    .bind(doc.kind.as_str())
    .bind(doc.msisdn)
    .bind(doc.period.map(|(from, _)| from.to_string()))
    .bind(doc.period.map(|(_, to)| to.to_string()))
    .bind(doc.file_name)
    .bind(doc.content_type)
    .bind(doc.bytes)
    .bind(doc.detail.as_deref())
    .bind(doc.created_at.to_rfc3339())
    .fetch_one(db)
    .await?;
    Ok(id)
}

type InfoRow = (i64, String, Option<String>, Option<String>, Option<String>, String, i64, String);

/// [`InfoRow`], then the content type, the bytes and the detail.
type FileRow =
    (i64, String, Option<String>, Option<String>, Option<String>, String, i64, String, String, Vec<u8>, Option<String>);

const INFO_COLUMNS: &str = "id, kind, msisdn, period_from, period_to, file_name, length(bytes), created_at";

fn info(row: InfoRow) -> DocumentInfo {
    let (id, kind, msisdn, from, to, file_name, size, created_at) = row;
    let date = |d: Option<String>| d.and_then(|d| d.parse().ok());
    DocumentInfo {
        id,
        kind,
        msisdn,
        period_from: date(from),
        period_to: date(to),
        file_name,
        size,
        created_at: super::parse_time(&created_at),
    }
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
    .await?;
    Ok(rows.into_iter().map(info).collect())
}

/// One of `owner`'s files, whole; `None` when it is not theirs or not there.
pub async fn load(db: impl SqliteExecutor<'_>, owner: &Owner, id: i64) -> Result<Option<Document>> {
    let row: Option<FileRow> = sqlx::query_as(&format!(
        "SELECT {INFO_COLUMNS}, content_type, bytes, detail FROM documents
             WHERE portal = ? AND admin_phone = ? AND id = ?"
    ))
    .bind(&owner.portal)
    .bind(&owner.admin)
    .bind(id)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|(id, kind, msisdn, from, to, file_name, size, created_at, content_type, bytes, detail)| Document {
        info: info((id, kind, msisdn, from, to, file_name, size, created_at)),
        content_type,
        bytes,
        detail,
    }))
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
            msisdn: Some("77010542007"),
            period: Some((d(4, 20), d(5, 20))),
            file_name: "payments.xlsx",
            content_type: "application/octet-stream",
            bytes,
            detail: Some("{}".into()),
            created_at,
        };
        let first = save(cache.pool(), &a, &doc(b"PK one", at(1))).await.unwrap();
        let second = save(cache.pool(), &a, &doc(b"PK two!", at(2))).await.unwrap();
        let list = of_number(cache.pool(), &a, "77010542007", DocumentKind::PaymentsReport).await.unwrap();
        assert_eq!(list.iter().map(|i| i.id).collect::<Vec<_>>(), vec![second, first]);
        assert_eq!((list[0].size, list[0].period_from, list[0].created_at), (7, Some(d(4, 20)), at(2)));
        assert_eq!(load(cache.pool(), &a, first).await.unwrap().unwrap().bytes, b"PK one");

        assert!(of_number(cache.pool(), &b, "77010542007", DocumentKind::PaymentsReport).await.unwrap().is_empty());
        assert!(load(cache.pool(), &b, first).await.unwrap().is_none(), "another administrator cannot open it");
    }
}
