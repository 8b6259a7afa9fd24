//! The `charges` and `charge_months` tables (migration 0012): each number's charges by month and
//! service, per administrator and company, a month (or one account's month, from an imported
//! breakdown) replaced whole in one transaction.

use super::{parse_time, Owner};
use crate::api::{ChargeService, NumberCharges};
use crate::error::{Error, Result};
use crate::rules::document_months::YearMonth;
use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::SqlitePool;

/// One number's charge for one service in one month, as cached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChargeRow {
    pub month: YearMonth,
    pub msisdn: String,
    pub account: String,
    pub tariff: String,
    pub service: ChargeService,
    /// Tiyn without VAT.
    pub net: i64,
    /// Tiyn.
    pub vat: i64,
}

/// Replaces `month` of the company with `numbers`' charges of that month, in one transaction.
pub async fn replace_month(
    pool: &SqlitePool,
    owner: &Owner,
    company: i64,
    month: YearMonth,
    numbers: &[NumberCharges],
    now: DateTime<Utc>,
) -> Result<()> {
    replace(pool, owner, company, month, None, numbers, now).await
}

/// Replaces `account`'s lines of `month` (an imported breakdown covers one account) with
/// `numbers`' charges of that month, in one transaction; the month is then held.
pub async fn replace_account_month(
    pool: &SqlitePool,
    owner: &Owner,
    company: i64,
    month: YearMonth,
    account: &str,
    numbers: &[NumberCharges],
    now: DateTime<Utc>,
) -> Result<()> {
    replace(pool, owner, company, month, Some(account), numbers, now).await
}

async fn replace(
    pool: &SqlitePool,
    owner: &Owner,
    company: i64,
    month: YearMonth,
    account: Option<&str>,
    numbers: &[NumberCharges],
    now: DateTime<Utc>,
) -> Result<()> {
    let month_text = month.to_string();
    let rows: Vec<(&str, &str, &str, &str, i64, i64)> = numbers
        .iter()
        .flat_map(|n| {
            n.months.iter().filter(|m| m.month == month).flat_map(move |m| {
                m.services.iter().map(move |s| {
                    (n.msisdn.as_str(), n.account.as_str(), n.tariff.as_str(), s.service.as_str(), s.net.0, s.vat.0)
                })
            })
        })
        .collect();
    let mut tx = pool.begin().await.map_err(Error::cache)?;
    sqlx::query(
        "DELETE FROM charges WHERE portal = ? AND admin_phone = ? AND company_id = ? AND month = ?
         AND (?5 IS NULL OR account = ?5)",
    )
    .bind(&owner.portal)
    .bind(&owner.admin)
    .bind(company)
    .bind(&month_text)
    .bind(account)
    .execute(&mut *tx)
    .await
    .map_err(Error::cache)?;
    // In chunks of JSON arrays: one statement per chunk instead of one per row.
    for chunk in rows.chunks(5_000) {
        let json = serde_json::to_string(chunk).map_err(|e| Error::cache(e.to_string()))?;
        sqlx::query(
            "INSERT INTO charges (portal, admin_phone, company_id, month, msisdn, account, tariff, service, net, vat)
             SELECT ?, ?, ?, ?, value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5
             FROM json_each(?)",
        )
        .bind(&owner.portal)
        .bind(&owner.admin)
        .bind(company)
        .bind(&month_text)
        .bind(json)
        .execute(&mut *tx)
        .await
        .map_err(Error::cache)?;
    }
    sqlx::query(
        "INSERT INTO charge_months (portal, admin_phone, company_id, month, fetched_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (portal, admin_phone, company_id, month) DO UPDATE SET fetched_at = excluded.fetched_at",
    )
    .bind(&owner.portal)
    .bind(&owner.admin)
    .bind(company)
    .bind(&month_text)
    .bind(now.to_rfc3339())
    .execute(&mut *tx)
    .await
    .map_err(Error::cache)?;
    // The month's totals, and what the latest bill shows (a spend rise, a dormant line), kept
    // with the month or not at all.
    super::charge_totals::rebuild_month(&mut tx, owner, company, &month_text).await?;
    crate::changes::record_charges(&mut tx, owner, company, month, now).await?;
    tx.commit().await.map_err(Error::cache)
}

/// The months held for the company, oldest first, with when each was fetched.
pub async fn months(pool: &SqlitePool, owner: &Owner, company: i64) -> Result<Vec<(YearMonth, DateTime<Utc>)>> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT month, fetched_at FROM charge_months WHERE portal = ? AND admin_phone = ? AND company_id = ?
         ORDER BY month",
    )
    .bind(&owner.portal)
    .bind(&owner.admin)
    .bind(company)
    .fetch_all(pool)
    .await
    .map_err(Error::cache)?;
    Ok(rows.into_iter().filter_map(|(m, t)| Some((parse_month(&m)?, parse_time(&t)))).collect())
}

/// The company's cached charges from `from` to `to`, by month then number.
pub async fn rows(
    pool: &SqlitePool,
    owner: &Owner,
    company: i64,
    from: YearMonth,
    to: YearMonth,
) -> Result<Vec<ChargeRow>> {
    type Raw = (String, String, String, String, String, i64, i64);
    let raw: Vec<Raw> = sqlx::query_as(
        "SELECT month, msisdn, account, tariff, service, net, vat FROM charges
         WHERE portal = ? AND admin_phone = ? AND company_id = ? AND month BETWEEN ? AND ?
         ORDER BY month, msisdn",
    )
    .bind(&owner.portal)
    .bind(&owner.admin)
    .bind(company)
    .bind(from.to_string())
    .bind(to.to_string())
    .fetch_all(pool)
    .await
    .map_err(Error::cache)?;
    Ok(raw
        .into_iter()
        .filter_map(|(month, msisdn, account, tariff, service, net, vat)| {
            Some(ChargeRow {
                month: parse_month(&month)?,
                msisdn,
                account,
                tariff,
                service: ChargeService::from_wire(&service),
                net,
                vat,
            })
        })
        .collect())
}

/// A month as this table writes it (`YYYY-MM`).
fn parse_month(text: &str) -> Option<YearMonth> {
    let (y, m) = text.split_once('-')?;
    YearMonth::new(y.parse().ok()?, m.parse().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{MonthCharges, ServiceCharge};
    use crate::cache::Cache;
    use crate::domain::Tiyn;

    fn number(msisdn: &str, month: YearMonth, services: &[(ChargeService, i64)]) -> NumberCharges {
        NumberCharges {
            account: "25060854".into(),
            msisdn: msisdn.into(),
            tariff: "Kcell".into(),
            months: vec![MonthCharges {
                month,
                services: services
                    .iter()
                    .map(|(s, net)| ServiceCharge { service: s.clone(), net: Tiyn(*net), vat: Tiyn(net / 10) })
                    .collect(),
            }],
        }
    }

    #[tokio::test]
    async fn a_month_is_replaced_whole_or_not_at_all() {
        let cache = Cache::in_memory().await.unwrap();
        let owner = Owner::new("p", "77010016515");
        let month = YearMonth::new(2026, 10).unwrap();
        let first = [number("77010000001", month, &[(ChargeService::Subscription, 1_000)])];
        replace_month(cache.pool(), &owner, 1, month, &first, Utc::now()).await.unwrap();
        // A write that fails midway (the second number repeats a line: the key refuses it after
        // the month's old rows were deleted and the first new rows inserted) changes nothing.
        let broken = [
            number("77010000002", month, &[(ChargeService::Calls, 5)]),
            number("77010000002", month, &[(ChargeService::Calls, 7)]),
        ];
        assert!(replace_month(cache.pool(), &owner, 1, month, &broken, Utc::now()).await.is_err());
        let kept = rows(cache.pool(), &owner, 1, month, month).await.unwrap();
        assert_eq!(kept.iter().map(|r| (r.msisdn.as_str(), r.net)).collect::<Vec<_>>(), vec![("77010000001", 1_000)]);
        // Another administrator reads none of it.
        let other = Owner::new("p", "77010000000");
        assert!(rows(cache.pool(), &other, 1, month, month).await.unwrap().is_empty());
        assert!(months(cache.pool(), &other, 1).await.unwrap().is_empty());
        assert_eq!(months(cache.pool(), &owner, 1).await.unwrap().len(), 1);
    }
}
