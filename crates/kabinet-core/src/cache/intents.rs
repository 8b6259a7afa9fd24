//! The `intents` table (migration 0007): the actions the user confirmed whose answer has not
//! been received yet, each with its Idempotency-Key (`crate::intents` says why).

use super::Owner;
use crate::action::ActionKind;
use crate::client::Call;
use crate::error::Result;
use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::SqlitePool;

/// An action sent (or about to be) whose answer has not been received.
#[derive(Debug, Clone, Serialize)]
pub struct PendingIntent {
    pub key: String,
    pub action: ActionKind,
    pub msisdn: Option<String>,
    pub call: Call,
    pub created_at: DateTime<Utc>,
}

/// The key of the unanswered intent with this very request, or a new one written now.
pub async fn open(
    pool: &SqlitePool,
    owner: &Owner,
    action: ActionKind,
    msisdn: Option<&str>,
    call: &Call,
    now: DateTime<Utc>,
) -> Result<String> {
    let call = serde_json::to_string(call).expect("a call serializes");
    // One statement: of two concurrent confirmations of the same request, one inserts and both
    // read the same key back.
    let key: (String,) = sqlx::query_as(
        "INSERT INTO intents (portal, admin_phone, key, action, msisdn, call, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (portal, admin_phone, call) DO UPDATE SET call = excluded.call
         RETURNING key",
    )
    .bind(&owner.portal)
    .bind(&owner.admin)
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(action.id())
    .bind(msisdn)
    .bind(call)
    .bind(now.to_rfc3339())
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

/// The administrator's unanswered intents, oldest first (one whose action this version does not
/// know, left by a newer one, is not listed).
pub async fn pending(pool: &SqlitePool, owner: &Owner) -> Result<Vec<PendingIntent>> {
    let rows: Vec<(String, String, Option<String>, String, String)> = sqlx::query_as(
        "SELECT key, action, msisdn, call, created_at FROM intents WHERE portal = ? AND admin_phone = ?
         ORDER BY created_at, key",
    )
    .bind(&owner.portal)
    .bind(&owner.admin)
    .fetch_all(pool)
    .await
    .map_err(crate::Error::cache)?;
    Ok(rows
        .into_iter()
        .filter_map(|(key, action, msisdn, call, created_at)| {
            Some(PendingIntent {
                key,
                action: ActionKind::from_id(&action)?,
                msisdn,
                call: serde_json::from_str(&call).ok()?,
                created_at: DateTime::parse_from_rfc3339(&created_at).ok()?.with_timezone(&Utc),
            })
        })
        .collect())
}
