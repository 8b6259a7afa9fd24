//! The `sync_state` table: per company, the portal time to pass as `updated_since` next, and
//! when the last sync finished.

use crate::error::Result;
use chrono::{DateTime, Utc};
use sqlx::SqliteExecutor;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncState {
    pub watermark: DateTime<Utc>,
    pub synced_at: DateTime<Utc>,
}

pub async fn load(db: impl SqliteExecutor<'_>, portal: &str, company: i64) -> Result<Option<SyncState>> {
    let row: Option<(String, String)> =
        sqlx::query_as("SELECT watermark, synced_at FROM sync_state WHERE portal = ? AND company_id = ?")
            .bind(portal)
            .bind(company)
            .fetch_optional(db)
            .await?;
    Ok(row.map(|(w, s)| SyncState { watermark: super::parse_time(&w), synced_at: super::parse_time(&s) }))
}

pub async fn save(db: impl SqliteExecutor<'_>, portal: &str, company: i64, state: &SyncState) -> Result<()> {
    sqlx::query(
        "INSERT INTO sync_state (portal, company_id, watermark, synced_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (portal, company_id) DO UPDATE SET watermark = excluded.watermark, synced_at = excluded.synced_at",
    )
    .bind(portal)
    .bind(company)
    .bind(state.watermark.to_rfc3339_opts(chrono::SecondsFormat::Micros, true))
    .bind(state.synced_at.to_rfc3339())
    .execute(db)
    .await?;
    Ok(())
}
