//! The actions history: what the company's administrators did and how it went.
//!
//! [`record`] runs on the caller's transaction, the one of the change it records, so a change
//! whose transaction fails leaves no row, and a committed change always has its row.

use super::Actor;
use crate::db::{parse_ts, ts};
use crate::error::ApiResult;
use chrono::{DateTime, Utc};
use kabinet_core::api::ActionRecord;
use sqlx::SqliteConnection;

/// How an action ended, as the history shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Success,
    Refused,
}

impl Status {
    fn as_str(self) -> &'static str {
        match self {
            Self::Success => "Success",
            Self::Refused => "Refused",
        }
    }
}

/// Writes one history row, in the caller's transaction.
pub async fn record(
    conn: &mut SqliteConnection,
    actor: Actor,
    msisdn: Option<&str>,
    action: &str,
    status: Status,
    at: DateTime<Utc>,
) -> ApiResult<()> {
    sqlx::query("INSERT INTO actions (company_id, admin_id, msisdn, action, status, at) VALUES (?, ?, ?, ?, ?, ?)")
        .bind(actor.company_id)
        .bind(actor.admin_id)
        .bind(msisdn)
        .bind(action)
        .bind(status.as_str())
        .bind(ts(at))
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The company's actions between two times (both included, either open), newest first, at
/// most 1000.
pub async fn list(
    conn: &mut SqliteConnection,
    company: i64,
    from: Option<DateTime<Utc>>,
    to: Option<DateTime<Utc>>,
) -> ApiResult<Vec<ActionRecord>> {
    let rows: Vec<(String, String, Option<String>, String, String, String)> = sqlx::query_as(
        "SELECT x.at, x.action, x.msisdn, x.status, a.name, a.phone FROM actions x JOIN admins a ON a.id = x.admin_id
         WHERE x.company_id = ? AND x.at >= ? AND x.at <= ? ORDER BY x.id DESC LIMIT 1000",
    )
    .bind(company)
    .bind(from.map(ts).unwrap_or_default())
    .bind(to.map(ts).unwrap_or_else(|| "9999".into()))
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(at, action, msisdn, status, admin_name, admin_phone)| ActionRecord {
            at: parse_ts(&at),
            action,
            msisdn,
            status,
            admin_name,
            admin_phone,
        })
        .collect())
}
