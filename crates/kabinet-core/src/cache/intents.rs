//! The `intents` table (migrations 0007 and 0009): the actions the user confirmed whose answer
//! has not been received yet, each with its Idempotency-Key (`crate::intents` says why), one
//! user action or one number of a bulk run (with its run's id).
//!
//! The request is kept as the JSON text its sender wrote: the cache stores it and never reads
//! it (the caller's module gives it its type), so the cache imports no feature or client module.

use super::Owner;
use crate::action::ActionKind;
use crate::error::Result;
use chrono::{DateTime, Utc};
use sqlx::SqlitePool;

/// An intent as kept: its request as the JSON text it was written with.
#[derive(Debug, Clone)]
pub struct KeptIntent {
    pub key: String,
    pub action: ActionKind,
    pub msisdn: Option<String>,
    pub call: String,
    pub created_at: DateTime<Utc>,
}

/// What to keep of a new intent.
#[derive(Debug, Clone, Copy)]
pub struct NewIntent<'a> {
    /// The key to use when no unanswered intent has this very request (a bulk number's, made at
    /// its preview); a new one when `None`.
    pub key: Option<&'a str>,
    pub action: &'a str,
    pub msisdn: Option<&'a str>,
    /// The request as JSON text.
    pub call: &'a str,
    /// The bulk run it is a number of.
    pub run_id: Option<&'a str>,
}

/// The key of the unanswered intent with this very request, or of a new one written now.
pub async fn open(pool: &SqlitePool, owner: &Owner, new: NewIntent<'_>, now: DateTime<Utc>) -> Result<String> {
    let key = new.key.map_or_else(|| uuid::Uuid::new_v4().to_string(), str::to_string);
    // One statement: of two concurrent confirmations of the same request, one inserts and both
    // read the same key back (a bulk number re-opened with its own key reads it back too).
    let key: (String,) = sqlx::query_as(
        "INSERT INTO intents (portal, admin_phone, key, action, msisdn, call, created_at, run_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (portal, admin_phone, call) DO UPDATE SET call = excluded.call
         ON CONFLICT (portal, admin_phone, key) DO UPDATE SET key = excluded.key
         RETURNING key",
    )
    .bind(&owner.portal)
    .bind(&owner.admin)
    .bind(key)
    .bind(new.action)
    .bind(new.msisdn)
    .bind(new.call)
    .bind(now.to_rfc3339())
    .bind(new.run_id)
    .fetch_one(pool)
    .await
    .map_err(crate::Error::cache)?;
    Ok(key.0)
}

/// Forgets an intent: its answer was received (or the user dismissed it).
pub async fn close(pool: &SqlitePool, owner: &Owner, key: &str) -> Result<()> {
    sqlx::query("DELETE FROM intents WHERE portal = ? AND admin_phone = ? AND key = ?")
        .bind(&owner.portal)
        .bind(&owner.admin)
        .bind(key)
        .execute(pool)
        .await
        .map_err(crate::Error::cache)?;
    Ok(())
}

/// The administrator's unanswered intents of their own (not a bulk run's: the run resumes
/// those), oldest first.
pub async fn pending(pool: &SqlitePool, owner: &Owner) -> Result<Vec<KeptIntent>> {
    let rows: Vec<(String, String, Option<String>, String, String)> = sqlx::query_as(
        "SELECT key, action, msisdn, call, created_at FROM intents
         WHERE portal = ? AND admin_phone = ? AND run_id IS NULL ORDER BY created_at, key",
    )
    .bind(&owner.portal)
    .bind(&owner.admin)
    .fetch_all(pool)
    .await
    .map_err(crate::Error::cache)?;
    Ok(rows
        .into_iter()
        .filter_map(|(key, action, msisdn, call, created_at)| {
            Some(KeptIntent {
                key,
                action: ActionKind::from_id(&action)?,
                msisdn,
                call,
                created_at: DateTime::parse_from_rfc3339(&created_at).ok()?.with_timezone(&Utc),
            })
        })
        .collect())
}
