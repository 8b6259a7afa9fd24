//! The actions history: what the company's administrators did and how it went.
//!
//! [`record`] runs on the caller's transaction, the one of the change it records, so a change
//! whose transaction fails leaves no row, and a committed change always has its row.
//!
//! A row is written from its [`HistoryAction`] (the kind and the detail its text names): the
//! text is made by the protocol, in one place, and the kind is kept beside it.

use super::Actor;
use crate::db::{parse_ts, ts};
use crate::error::ApiResult;
use chrono::{DateTime, Utc};
use kabinet_protocol::action::{ActionKind, HistoryAction};
use kabinet_protocol::api::ActionRecord;
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
    action: &HistoryAction,
    status: Status,
    at: DateTime<Utc>,
) -> ApiResult<()> {
    sqlx::query(
        "INSERT INTO actions (company_id, admin_id, msisdn, action, kind, completed, detail, status, at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(actor.company_id)
    .bind(actor.admin_id)
    .bind(msisdn)
    .bind(action.text())
    .bind(action.kind.map(ActionKind::id))
    .bind(action.completed)
    .bind(action.detail.as_deref())
    .bind(status.as_str())
    .bind(ts(at))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A stored row: time, text, kind, completed, detail, number, status, admin's name and phone.
type Row = (String, String, Option<String>, bool, Option<String>, Option<String>, String, String, String);

/// The most rows one answer of [`list`] holds.
pub const LIMIT: usize = 10_000;

/// The company's actions between two times (both included), newest first, at most [`LIMIT`];
/// the flag says there were more.
pub async fn list(
    conn: &mut SqliteConnection,
    company: i64,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> ApiResult<(Vec<ActionRecord>, bool)> {
    let mut rows: Vec<Row> = sqlx::query_as(
        "SELECT x.at, x.action, x.kind, x.completed, x.detail, x.msisdn, x.status, a.name, a.phone
         FROM actions x JOIN admins a ON a.id = x.admin_id
         WHERE x.company_id = ? AND x.at >= ? AND x.at <= ? ORDER BY x.at DESC, x.id DESC LIMIT ?",
    )
    .bind(company)
    .bind(ts(from))
    .bind(ts(to))
    .bind(LIMIT as i64 + 1)
    .fetch_all(&mut *conn)
    .await?;
    let truncated = rows.len() > LIMIT;
    rows.truncate(LIMIT);
    let items = rows
        .into_iter()
        .map(|(at, action, kind, completed, detail, msisdn, status, admin_name, admin_phone)| ActionRecord {
            at: parse_ts(&at),
            action,
            kind: kind.as_deref().and_then(ActionKind::from_id),
            completed,
            detail,
            msisdn,
            status,
            admin_name,
            admin_phone,
        })
        .collect();
    Ok((items, truncated))
}
