//! The `number_cards` table: the parts of a number profile as last fetched (detail,
//! allowances, services), stored as JSON of the wire types. PIN/PUK are never among them.

use crate::api::UsageKind;
use crate::error::Result;
use chrono::{DateTime, NaiveDate, Utc};
use serde::de::DeserializeOwned;
use serde::Serialize;
use sqlx::SqliteExecutor;

/// Which part of the profile.
#[derive(Debug, Clone, Copy)]
pub enum Part {
    Detail,
    Allowances,
    Services,
    /// A usage report, one per period and kind.
    Usage {
        from: NaiveDate,
        to: NaiveDate,
        kind: UsageKind,
    },
}

impl Part {
    fn key(self) -> String {
        match self {
            Part::Detail => "detail".into(),
            Part::Allowances => "allowances".into(),
            Part::Services => "services".into(),
            Part::Usage { from, to, kind } => format!("usage/{from}/{to}/{kind:?}"),
        }
    }
}

pub async fn save<T: Serialize>(
    db: impl SqliteExecutor<'_>,
    portal: &str,
    msisdn: &str,
    part: Part,
    body: &T,
    fetched_at: DateTime<Utc>,
) -> Result<()> {
    let json = serde_json::to_string(body).expect("wire types serialize");
    sqlx::query(
        "INSERT INTO number_cards (portal, msisdn, part, body, fetched_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (portal, msisdn, part) DO UPDATE SET body = excluded.body, fetched_at = excluded.fetched_at",
    )
    .bind(portal)
    .bind(msisdn)
    .bind(part.key())
    .bind(json)
    .bind(fetched_at.to_rfc3339())
    .execute(db)
    .await?;
    Ok(())
}

/// The cached part, or `None` when never fetched (or written by a version that no longer reads it).
pub async fn load<T: DeserializeOwned>(
    db: impl SqliteExecutor<'_>,
    portal: &str,
    msisdn: &str,
    part: Part,
) -> Result<Option<(T, DateTime<Utc>)>> {
    let row: Option<(String, String)> =
        sqlx::query_as("SELECT body, fetched_at FROM number_cards WHERE portal = ? AND msisdn = ? AND part = ?")
            .bind(portal)
            .bind(msisdn)
            .bind(part.key())
            .fetch_optional(db)
            .await?;
    Ok(row.and_then(|(body, at)| serde_json::from_str(&body).ok().map(|v| (v, super::parse_time(&at)))))
}
