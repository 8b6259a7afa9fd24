//! The `number_changes` and `change_rules` tables (migration 0013): what each sync found changed
//! in a company's list, and the company's thresholds. The rules that find changes are
//! `changes/detect.rs`; this module only keeps what they found.

use super::Owner;
use crate::error::Result;
use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::SqliteConnection;
use std::collections::HashMap;

/// What a number's row held that the change rules look at, as the cache kept it before a sync.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Before {
    pub state: String,
    pub tariff: String,
    pub balance: i64,
    pub debt: i64,
}

/// The company's rows as they are now (before a sync writes), by number: all of them, or only
/// `msisdns` (an incremental sync's numbers).
pub async fn snapshot(
    conn: &mut SqliteConnection,
    owner: &Owner,
    company: i64,
    msisdns: Option<&[&str]>,
) -> Result<HashMap<String, Before>> {
    let list = msisdns.map(serde_json::to_string).transpose().map_err(|e| crate::Error::cache(e.to_string()))?;
    let rows: Vec<(String, String, String, i64, i64)> = sqlx::query_as(
        "SELECT msisdn, state, tariff, balance, debt FROM numbers WHERE portal = ? AND admin_phone = ? AND company_id = ?
             AND (?4 IS NULL OR msisdn IN (SELECT value FROM json_each(?4)))",
    )
    .bind(&owner.portal)
    .bind(&owner.admin)
    .bind(company)
    .bind(list)
    .fetch_all(conn)
    .await
    .map_err(crate::Error::cache)?;
    Ok(rows.into_iter().map(|(m, state, tariff, balance, debt)| (m, Before { state, tariff, balance, debt })).collect())
}

/// Keeps what a sync found: `(msisdn, kind, before, after)`, all found at `at`.
pub async fn insert(
    conn: &mut SqliteConnection,
    owner: &Owner,
    company: i64,
    found: &[(&str, &str, &str, &str)],
    at: DateTime<Utc>,
) -> Result<()> {
    let at = at.to_rfc3339();
    for &(msisdn, kind, before, after) in found {
        sqlx::query(
            "INSERT INTO number_changes (portal, admin_phone, company_id, msisdn, kind, before, after, at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(&owner.portal)
        .bind(&owner.admin)
        .bind(company)
        .bind(msisdn)
        .bind(kind)
        .bind(before)
        .bind(after)
        .bind(&at)
        .execute(&mut *conn)
        .await
        .map_err(crate::Error::cache)?;
    }
    Ok(())
}

/// One kept change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChangeRow {
    pub id: i64,
    pub msisdn: String,
    pub kind: String,
    pub before: String,
    pub after: String,
    /// When the sync that found it ran (UTC).
    pub at: String,
}

/// The company's changes found at or after `since`, newest first, at most `limit`.
pub async fn since(
    conn: &mut SqliteConnection,
    owner: &Owner,
    company: i64,
    since: DateTime<Utc>,
    limit: i64,
) -> Result<Vec<ChangeRow>> {
    let rows: Vec<(i64, String, String, String, String, String)> = sqlx::query_as(
        "SELECT id, msisdn, kind, before, after, at FROM number_changes
         WHERE portal = ? AND admin_phone = ? AND company_id = ? AND at >= ? ORDER BY at DESC, id DESC LIMIT ?",
    )
    .bind(&owner.portal)
    .bind(&owner.admin)
    .bind(company)
    .bind(since.to_rfc3339())
    .bind(limit)
    .fetch_all(conn)
    .await
    .map_err(crate::Error::cache)?;
    Ok(rows
        .into_iter()
        .map(|(id, msisdn, kind, before, after, at)| ChangeRow { id, msisdn, kind, before, after, at })
        .collect())
}

/// The company's low-balance threshold, if it set one.
pub async fn low_balance(conn: &mut SqliteConnection, owner: &Owner, company: i64) -> Result<Option<i64>> {
    sqlx::query_scalar(
        "SELECT low_balance_tiyn FROM change_rules WHERE portal = ? AND admin_phone = ? AND company_id = ?",
    )
    .bind(&owner.portal)
    .bind(&owner.admin)
    .bind(company)
    .fetch_optional(conn)
    .await
    .map_err(crate::Error::cache)
}

/// Sets the company's low-balance threshold.
pub async fn set_low_balance(conn: &mut SqliteConnection, owner: &Owner, company: i64, tiyn: i64) -> Result<()> {
    sqlx::query(
        "INSERT INTO change_rules (portal, admin_phone, company_id, low_balance_tiyn) VALUES (?, ?, ?, ?)
         ON CONFLICT (portal, admin_phone, company_id) DO UPDATE SET low_balance_tiyn = excluded.low_balance_tiyn",
    )
    .bind(&owner.portal)
    .bind(&owner.admin)
    .bind(company)
    .bind(tiyn)
    .execute(conn)
    .await
    .map_err(crate::Error::cache)?;
    Ok(())
}
