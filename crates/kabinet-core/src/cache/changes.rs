//! The `number_changes` and `change_rules` tables (migrations 0013, 0014): what each sync found
//! changed in a company's list, and the company's thresholds. The rules that find changes are
//! `changes/detect.rs` and `changes/charges.rs` (which read `cache/charge_totals.rs`); this module
//! only reads and keeps.

use super::Owner;
use crate::api::NumberSummary;
use crate::changes::detect::{Before, Rules};
use crate::error::Result;
use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::SqliteConnection;

/// The company's rows as they were before a write, as one JSON array SQLite built
/// (`[[msisdn, state, tariff, balance, debt], ...]`): a full sync compares 100,000 rows, and one
/// value read is far cheaper than 100,000 rows through the driver. Its rows are decoded only
/// when compared ([`Snapshot::rows`]), borrowing their texts from it.
#[derive(Debug, Clone)]
pub struct Snapshot {
    json: String,
}

impl Snapshot {
    /// The rows as [`snapshot`] reads them, from rows in memory (a number read again).
    pub fn of(rows: &[NumberSummary]) -> Result<Self> {
        let rows: Vec<(&str, &str, &str, i64, i64)> = rows
            .iter()
            .map(|n| (n.msisdn.as_str(), n.state.as_str(), n.tariff.as_str(), n.balance.0, n.debt.0))
            .collect();
        Ok(Self { json: serde_json::to_string(&rows).map_err(|e| crate::Error::cache(e.to_string()))? })
    }

    /// The rows, their texts borrowed from the snapshot (copied only when JSON escaped them).
    pub fn rows(&self) -> Result<Vec<Before<'_>>> {
        serde_json::from_str(&self.json).map_err(|e| crate::Error::cache(e.to_string()))
    }
}

/// The company's rows as they are now (before a sync writes): all of them, or only `msisdns`
/// (an incremental sync's numbers). In the order an index of the table gives them (number or
/// position order, the same after a full sync), which the comparison walks, sorting them only
/// when they are not in number order (`changes::detect::changes`).
pub async fn snapshot(
    conn: &mut SqliteConnection,
    owner: &Owner,
    company: i64,
    msisdns: Option<&[&str]>,
) -> Result<Snapshot> {
    let list = msisdns.map(serde_json::to_string).transpose().map_err(|e| crate::Error::cache(e.to_string()))?;
    let json: String = sqlx::query_scalar(
        "SELECT json_group_array(json_array(msisdn, state, tariff, balance, debt)) FROM numbers
         WHERE portal = ? AND admin_phone = ? AND company_id = ?
             AND (?4 IS NULL OR msisdn IN (SELECT value FROM json_each(?4)))",
    )
    .bind(&owner.portal)
    .bind(&owner.admin)
    .bind(company)
    .bind(list)
    .fetch_one(conn)
    .await
    .map_err(crate::Error::cache)?;
    Ok(Snapshot { json })
}

/// One change to keep: `(msisdn, kind, before, after, month)`.
pub type NewChange<'a> = (&'a str, &'a str, &'a str, &'a str, Option<String>);

/// Keeps what a sync or a month's charges found, all found at `at`: one statement per 5,000
/// (a JSON array each), not one per change.
pub async fn insert(
    conn: &mut SqliteConnection,
    owner: &Owner,
    company: i64,
    found: &[NewChange<'_>],
    at: DateTime<Utc>,
) -> Result<()> {
    let at = at.to_rfc3339();
    for chunk in found.chunks(5_000) {
        let json = serde_json::to_string(chunk).map_err(|e| crate::Error::cache(e.to_string()))?;
        // `key`: the order found, kept in the ids (the feed shows the newest last found first).
        sqlx::query(
            "INSERT INTO number_changes (portal, admin_phone, company_id, msisdn, kind, before, after, at, month)
             SELECT ?, ?, ?, value ->> 0, value ->> 1, value ->> 2, value ->> 3, ?, value ->> 4
             FROM json_each(?) ORDER BY key",
        )
        .bind(&owner.portal)
        .bind(&owner.admin)
        .bind(company)
        .bind(&at)
        .bind(json)
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
    /// The billed month a charges rule found it in (`YYYY-MM`).
    pub month: Option<String>,
    /// The number's cost centre code now (labels), empty when it has none.
    pub cost_centre: String,
}

/// Which kept changes a read gives (`None`: any).
#[derive(Debug, Clone, Copy, Default)]
pub struct Which<'a> {
    pub kind: Option<&'a str>,
    pub msisdn: Option<&'a str>,
    /// A cost centre's code; `""`: the numbers with none.
    pub cost_centre: Option<&'a str>,
}

/// The company's changes found at or after `since` that pass `which`, newest first, at most
/// `limit`.
pub async fn since(
    conn: &mut SqliteConnection,
    owner: &Owner,
    company: i64,
    since: DateTime<Utc>,
    which: Which<'_>,
    limit: i64,
) -> Result<Vec<ChangeRow>> {
    type Raw = (i64, String, String, String, String, String, Option<String>, String);
    let rows: Vec<Raw> = sqlx::query_as(
        "SELECT c.id, c.msisdn, c.kind, c.before, c.after, c.at, c.month, COALESCE(l.cost_centre_code, '')
         FROM number_changes c
         LEFT JOIN number_labels l ON l.portal = c.portal AND l.admin_phone = c.admin_phone
              AND l.company_id = c.company_id AND l.msisdn = c.msisdn
         WHERE c.portal = ?1 AND c.admin_phone = ?2 AND c.company_id = ?3 AND c.at >= ?4
           AND (?5 IS NULL OR c.kind = ?5) AND (?6 IS NULL OR c.msisdn LIKE '%' || ?6 || '%')
           AND (?7 IS NULL OR COALESCE(l.cost_centre_code, '') = ?7)
         ORDER BY c.at DESC, c.id DESC LIMIT ?8",
    )
    .bind(&owner.portal)
    .bind(&owner.admin)
    .bind(company)
    .bind(since.to_rfc3339())
    .bind(which.kind)
    .bind(which.msisdn)
    .bind(which.cost_centre)
    .bind(limit)
    .fetch_all(conn)
    .await
    .map_err(crate::Error::cache)?;
    Ok(rows
        .into_iter()
        .map(|(id, msisdn, kind, before, after, at, month, cost_centre)| ChangeRow {
            id,
            msisdn,
            kind,
            before,
            after,
            at,
            month,
            cost_centre,
        })
        .collect())
}

/// The changes of `kinds` kept with a month: `(msisdn, kind, month)`.
pub async fn with_month(
    conn: &mut SqliteConnection,
    owner: &Owner,
    company: i64,
    kinds: &[&str],
) -> Result<Vec<(String, String, String)>> {
    let kinds = serde_json::to_string(kinds).map_err(|e| crate::Error::cache(e.to_string()))?;
    sqlx::query_as(
        "SELECT msisdn, kind, month FROM number_changes WHERE portal = ? AND admin_phone = ? AND company_id = ?
           AND month IS NOT NULL AND kind IN (SELECT value FROM json_each(?))",
    )
    .bind(&owner.portal)
    .bind(&owner.admin)
    .bind(company)
    .bind(kinds)
    .fetch_all(conn)
    .await
    .map_err(crate::Error::cache)
}

/// The company's numbers the cached list shows active.
pub async fn active_numbers(conn: &mut SqliteConnection, owner: &Owner, company: i64) -> Result<Vec<String>> {
    sqlx::query_scalar(
        "SELECT msisdn FROM numbers WHERE portal = ? AND admin_phone = ? AND company_id = ? AND state = 'active'",
    )
    .bind(&owner.portal)
    .bind(&owner.admin)
    .bind(company)
    .fetch_all(conn)
    .await
    .map_err(crate::Error::cache)
}

/// The company's rules, if it set them.
pub async fn rules(conn: &mut SqliteConnection, owner: &Owner, company: i64) -> Result<Option<Rules>> {
    let row: Option<(i64, i64, i64, bool)> = sqlx::query_as(
        "SELECT low_balance_tiyn, spend_rise_percent, dormant_days, notify FROM change_rules
         WHERE portal = ? AND admin_phone = ? AND company_id = ?",
    )
    .bind(&owner.portal)
    .bind(&owner.admin)
    .bind(company)
    .fetch_optional(conn)
    .await
    .map_err(crate::Error::cache)?;
    Ok(row.map(|(low_balance_tiyn, spend_rise_percent, dormant_days, notify)| Rules {
        low_balance_tiyn,
        spend_rise_percent,
        dormant_days,
        notify,
    }))
}

/// Sets the company's rules (checked by the caller).
pub async fn set_rules(conn: &mut SqliteConnection, owner: &Owner, company: i64, rules: &Rules) -> Result<()> {
    sqlx::query(
        "INSERT INTO change_rules (portal, admin_phone, company_id, low_balance_tiyn, spend_rise_percent, dormant_days, notify)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (portal, admin_phone, company_id) DO UPDATE SET low_balance_tiyn = excluded.low_balance_tiyn,
           spend_rise_percent = excluded.spend_rise_percent, dormant_days = excluded.dormant_days,
           notify = excluded.notify",
    )
    .bind(&owner.portal)
    .bind(&owner.admin)
    .bind(company)
    .bind(rules.low_balance_tiyn)
    .bind(rules.spend_rise_percent)
    .bind(rules.dormant_days)
    .bind(rules.notify)
    .execute(conn)
    .await
    .map_err(crate::Error::cache)?;
    Ok(())
}
