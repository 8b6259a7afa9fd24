//! The `charge_totals` table (migration 0014): each number's month in short (with VAT, and its
//! usage part), written with the month's charges, which the spend-rise and dormant-line rules
//! (`changes/charges.rs`) read instead of adding up millions of charge lines; and the months held
//! whole (`charge_months`), as a write's transaction sees them.

use super::Owner;
use crate::error::Result;
use sqlx::SqliteConnection;

/// The months of charges held whole (`charge_months`), as written (`YYYY-MM`).
pub async fn held_months(conn: &mut SqliteConnection, owner: &Owner, company: i64) -> Result<Vec<String>> {
    sqlx::query_scalar("SELECT month FROM charge_months WHERE portal = ? AND admin_phone = ? AND company_id = ?")
        .bind(&owner.portal)
        .bind(&owner.admin)
        .bind(company)
        .fetch_all(conn)
        .await
        .map_err(crate::Error::cache)
}

/// Replaces the company's `month` in `charge_totals` with `(msisdn, total, usage)`.
pub async fn replace_totals(
    conn: &mut SqliteConnection,
    owner: &Owner,
    company: i64,
    month: &str,
    totals: &[(&str, i64, i64)],
) -> Result<()> {
    sqlx::query("DELETE FROM charge_totals WHERE portal = ? AND admin_phone = ? AND company_id = ? AND month = ?")
        .bind(&owner.portal)
        .bind(&owner.admin)
        .bind(company)
        .bind(month)
        .execute(&mut *conn)
        .await
        .map_err(crate::Error::cache)?;
    for chunk in totals.chunks(5_000) {
        let json = serde_json::to_string(chunk).map_err(|e| crate::Error::cache(e.to_string()))?;
        sqlx::query(
            "INSERT INTO charge_totals (portal, admin_phone, company_id, month, msisdn, total, usage)
             SELECT ?, ?, ?, ?, value ->> 0, value ->> 1, value ->> 2 FROM json_each(?)",
        )
        .bind(&owner.portal)
        .bind(&owner.admin)
        .bind(company)
        .bind(month)
        .bind(json)
        .execute(&mut *conn)
        .await
        .map_err(crate::Error::cache)?;
    }
    Ok(())
}

/// Each number's months from `from` to `to` (`YYYY-MM`): `(msisdn, month, total, usage)`, tiyn
/// with VAT (`charge_totals`).
pub async fn month_totals(
    conn: &mut SqliteConnection,
    owner: &Owner,
    company: i64,
    from: &str,
    to: &str,
) -> Result<Vec<(String, String, i64, i64)>> {
    sqlx::query_as(
        "SELECT msisdn, month, total, usage FROM charge_totals
         WHERE portal = ? AND admin_phone = ? AND company_id = ? AND month BETWEEN ? AND ?",
    )
    .bind(&owner.portal)
    .bind(&owner.admin)
    .bind(company)
    .bind(from)
    .bind(to)
    .fetch_all(conn)
    .await
    .map_err(crate::Error::cache)
}

/// The month each of `msisdns` last had usage billed, up to `to`, in every month held:
/// `(msisdn, month)`, none for a number with no usage held.
pub async fn last_used(
    conn: &mut SqliteConnection,
    owner: &Owner,
    company: i64,
    msisdns: &[String],
    to: &str,
) -> Result<Vec<(String, String)>> {
    if msisdns.is_empty() {
        return Ok(Vec::new());
    }
    let list = serde_json::to_string(msisdns).map_err(|e| crate::Error::cache(e.to_string()))?;
    sqlx::query_as(
        "SELECT msisdn, MAX(month) FROM charge_totals WHERE portal = ? AND admin_phone = ? AND company_id = ?
           AND month <= ? AND usage <> 0 AND msisdn IN (SELECT value FROM json_each(?)) GROUP BY msisdn",
    )
    .bind(&owner.portal)
    .bind(&owner.admin)
    .bind(company)
    .bind(to)
    .bind(list)
    .fetch_all(conn)
    .await
    .map_err(crate::Error::cache)
}
