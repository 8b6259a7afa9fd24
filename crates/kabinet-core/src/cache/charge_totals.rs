//! The totals kept with the charges (migrations 0014, 0015): `charge_totals`, each number's month
//! in short (account, tariff, net, VAT, with VAT, and its usage part), and `charge_service_totals`,
//! each month by tariff and service, rebuilt from the month's lines in the transaction that
//! writes them. The spend-rise and dormant-line rules (`changes/charges.rs`) and Spend's figures
//! (`cache/spend_totals.rs`) read these instead of adding up millions of charge lines; and the
//! months held whole (`charge_months`), as a write's transaction sees them.

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

/// Rebuilds the company's `month` in `charge_totals` and `charge_service_totals` from its charge
/// lines as they now are, in the caller's transaction (the one that wrote the lines), so the
/// totals always add up to the lines: after a whole month fetched and after one account's month
/// imported alike.
pub async fn rebuild_month(conn: &mut SqliteConnection, owner: &Owner, company: i64, month: &str) -> Result<()> {
    for statement in [
        "DELETE FROM charge_totals WHERE portal = ?1 AND admin_phone = ?2 AND company_id = ?3 AND month = ?4",
        "DELETE FROM charge_service_totals WHERE portal = ?1 AND admin_phone = ?2 AND company_id = ?3 AND month = ?4",
        "INSERT INTO charge_totals (portal, admin_phone, company_id, month, msisdn, account, tariff, net, vat, total, usage)
         SELECT ?1, ?2, ?3, ?4, msisdn, MIN(account), MIN(tariff), SUM(net), SUM(vat), SUM(net + vat),
                SUM(CASE WHEN service = 'subscription' THEN 0 ELSE net + vat END)
         FROM charges WHERE portal = ?1 AND admin_phone = ?2 AND company_id = ?3 AND month = ?4 GROUP BY msisdn",
        "INSERT INTO charge_service_totals (portal, admin_phone, company_id, month, tariff, service, net, vat)
         SELECT ?1, ?2, ?3, ?4, tariff, service, SUM(net), SUM(vat)
         FROM charges WHERE portal = ?1 AND admin_phone = ?2 AND company_id = ?3 AND month = ?4
         GROUP BY tariff, service",
    ] {
        sqlx::query(statement)
            .bind(&owner.portal)
            .bind(&owner.admin)
            .bind(company)
            .bind(month)
            .execute(&mut *conn)
            .await
            .map_err(crate::Error::cache)?;
    }
    super::spend_totals::forget_views(conn, owner, company).await
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
