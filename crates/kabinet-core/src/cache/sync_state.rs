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

/// When any sync of this cache last finished, whoever ran it (the diagnostics' "last sync").
pub async fn last_synced_at(db: impl SqliteExecutor<'_>) -> Result<Option<DateTime<Utc>>> {
    let rows: Vec<(String,)> =
        sqlx::query_as("SELECT synced_at FROM sync_state").fetch_all(db).await.map_err(crate::Error::cache)?;
    Ok(rows.iter().map(|(s,)| super::parse_time(s)).max())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cache::{Cache, Owner};

    #[tokio::test]
    async fn the_last_sync_is_the_latest_of_any_company_and_administrator() {
        let cache = Cache::in_memory().await.unwrap();
        assert_eq!(last_synced_at(cache.pool()).await.unwrap(), None);
        let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
        let one = Owner::new("https://portal.kz/", "77010016515");
        let two = Owner::new("https://portal.kz/", "77010542006");
        let state = |t| SyncState { watermark: at(t), synced_at: at(t) };
        save(cache.pool(), &one, 1, &state("2026-12-06T10:00:00Z")).await.unwrap();
        save(cache.pool(), &two, 2, &state("2026-12-06T12:30:00Z")).await.unwrap();
        save(cache.pool(), &one, 3, &state("2026-12-05T23:00:00Z")).await.unwrap();
        assert_eq!(last_synced_at(cache.pool()).await.unwrap(), Some(at("2026-12-06T12:30:00Z")));
    }
}
