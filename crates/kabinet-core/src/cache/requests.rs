//! The `requests` table: every request the portal accepted for this administrator, as its last
//! known record, and when the watcher asks about it next (`crate::requests`).
//!
//! The backoff is here, with the rows it schedules: an unchanged answer doubles the wait, from
//! 2 seconds up to 5 minutes, so a block (minutes) is seen at once and an IMEI registration (up
//! to 8 hours) costs a dozen requests an hour.

use super::Owner;
use crate::api::RequestRecord;
use crate::error::{Error, ErrorCode, Result};
use chrono::{DateTime, Duration, Utc};
use sqlx::SqliteExecutor;

/// The wait before asking again about a request asked about `polls` times with no change.
pub fn backoff(polls: u32) -> Duration {
    let seconds = 2i64.saturating_mul(1i64 << polls.min(8));
    Duration::seconds(seconds.min(300))
}

/// Saves a record. A new or changed one is asked about again soon; an unchanged one waits
/// longer (`backoff`). Returns whether it changed.
pub async fn save(
    db: &mut sqlx::SqliteConnection,
    owner: &Owner,
    record: &RequestRecord,
    now: DateTime<Utc>,
) -> Result<bool> {
    let json = serde_json::to_string(record).expect("wire types serialize");
    let before: Option<(String, i64)> =
        sqlx::query_as("SELECT record, polls FROM requests WHERE portal = ? AND admin_phone = ? AND id = ?")
            .bind(&owner.portal)
            .bind(&owner.admin)
            .bind(&record.id)
            .fetch_optional(&mut *db)
            .await
            .map_err(crate::Error::cache)?;
    let changed = before.as_ref().is_none_or(|(old, _)| *old != json);
    let polls = match before {
        Some((_, polls)) if !changed => u32::try_from(polls).unwrap_or(u32::MAX).saturating_add(1),
        _ => 0,
    };
    sqlx::query(
        "INSERT INTO requests (portal, admin_phone, id, company_id, msisdn, kind, state, record, created_at,
                               next_poll_at, polls)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (portal, admin_phone, id) DO UPDATE SET
             state = excluded.state, record = excluded.record,
             next_poll_at = excluded.next_poll_at, polls = excluded.polls",
    )
    .bind(&owner.portal)
    .bind(&owner.admin)
    .bind(&record.id)
    .bind(record.company_id)
    .bind(record.msisdn.as_deref())
    .bind(record.kind.as_str())
    .bind(record.state.as_str())
    .bind(json)
    .bind(record.created_at.to_rfc3339())
    .bind((now + backoff(polls)).to_rfc3339())
    .bind(i64::from(polls))
    .execute(&mut *db)
    .await
    .map_err(crate::Error::cache)?;
    Ok(changed)
}

fn parse(json: String) -> Result<RequestRecord> {
    serde_json::from_str(&json)
        .map_err(|e| Error::new(ErrorCode::Cache, format!("A cached request could not be read: {e}")))
}

/// The open requests due to be asked about at `now`, oldest first.
pub async fn due(db: impl SqliteExecutor<'_>, owner: &Owner, now: DateTime<Utc>) -> Result<Vec<RequestRecord>> {
    let rows: Vec<String> = sqlx::query_scalar(
        "SELECT record FROM requests WHERE portal = ? AND admin_phone = ? AND state = 'in_process'
         AND next_poll_at <= ? ORDER BY next_poll_at, id",
    )
    .bind(&owner.portal)
    .bind(&owner.admin)
    .bind(now.to_rfc3339())
    .fetch_all(db)
    .await
    .map_err(crate::Error::cache)?;
    rows.into_iter().map(parse).collect()
}

/// When the next open request is due, if any is open.
pub async fn next_due(db: impl SqliteExecutor<'_>, owner: &Owner) -> Result<Option<DateTime<Utc>>> {
    let next: Option<String> = sqlx::query_scalar(
        "SELECT MIN(next_poll_at) FROM requests WHERE portal = ? AND admin_phone = ? AND state = 'in_process'",
    )
    .bind(&owner.portal)
    .bind(&owner.admin)
    .fetch_one(db)
    .await
    .map_err(crate::Error::cache)?;
    Ok(next.and_then(|t| DateTime::parse_from_rfc3339(&t).ok()).map(|t| t.with_timezone(&Utc)))
}

/// A number's requests, newest first.
pub async fn of_number(db: impl SqliteExecutor<'_>, owner: &Owner, msisdn: &str) -> Result<Vec<RequestRecord>> {
    let rows: Vec<String> = sqlx::query_scalar(
        "SELECT record FROM requests WHERE portal = ? AND admin_phone = ? AND msisdn = ?
         ORDER BY created_at DESC, id",
    )
    .bind(&owner.portal)
    .bind(&owner.admin)
    .bind(msisdn)
    .fetch_all(db)
    .await
    .map_err(crate::Error::cache)?;
    rows.into_iter().map(parse).collect()
}

/// A company's requests of one kind (its reports), newest first, at most `limit`.
pub async fn of_company(
    db: impl SqliteExecutor<'_>,
    owner: &Owner,
    company_id: i64,
    kind: &str,
    limit: i64,
) -> Result<Vec<RequestRecord>> {
    let rows: Vec<String> = sqlx::query_scalar(
        "SELECT record FROM requests WHERE portal = ? AND admin_phone = ? AND company_id = ? AND kind = ?
         ORDER BY created_at DESC, id LIMIT ?",
    )
    .bind(&owner.portal)
    .bind(&owner.admin)
    .bind(company_id)
    .bind(kind)
    .bind(limit)
    .fetch_all(db)
    .await
    .map_err(crate::Error::cache)?;
    rows.into_iter().map(parse).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_backoff_doubles_from_two_seconds_to_five_minutes() {
        let waits: Vec<i64> = (0..10).map(|n| backoff(n).num_seconds()).collect();
        assert_eq!(waits, [2, 4, 8, 16, 32, 64, 128, 256, 300, 300]);
        assert_eq!(backoff(u32::MAX).num_seconds(), 300);
    }
}
