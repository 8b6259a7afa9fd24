//! The `sync_state` table: per company, the portal time to pass as `updated_since` next, and
//! when the last sync finished, per administrator (each has their own watermark).

use super::Owner;
use crate::error::Result;
use chrono::{DateTime, Utc};
use sqlx::SqliteExecutor;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncState {
    pub watermark: DateTime<Utc>,
    pub synced_at: DateTime<Utc>,
}

pub async fn load(db: impl SqliteExecutor<'_>, owner: &Owner, company: i64) -> Result<Option<SyncState>> {
    let row: Option<(String, String)> = sqlx::query_as(
        "SELECT watermark, synced_at FROM sync_state WHERE portal = ? AND admin_phone = ? AND company_id = ?",
    )
    .bind(&owner.portal)
    .bind(&owner.admin)
    .bind(company)
    .fetch_optional(db)
    .await
    .map_err(crate::Error::cache)?;
    Ok(row.map(|(w, s)| SyncState { watermark: super::parse_time(&w), synced_at: super::parse_time(&s) }))
}

pub async fn save(db: impl SqliteExecutor<'_>, owner: &Owner, company: i64, state: &SyncState) -> Result<()> {
    sqlx::query(
        "INSERT INTO sync_state (portal, admin_phone, company_id, watermark, synced_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (portal, admin_phone, company_id)
         DO UPDATE SET watermark = excluded.watermark, synced_at = excluded.synced_at",
    )
    .bind(&owner.portal)
    .bind(&owner.admin)
    .bind(company)
    .bind(state.watermark.to_rfc3339_opts(chrono::SecondsFormat::Micros, true))
    .bind(state.synced_at.to_rfc3339())
    .execute(db)
    .await
    .map_err(crate::Error::cache)?;
    Ok(())
}
