//! Allowances of a number: the tariff's remaining allowance and the additional allowances of
//! enabled services, over the current bill cycle. The usage figures are derived from the
//! number and the cycle, so the same question always gets the same answer.

use super::numbers::summary;
use crate::catalog;
use crate::db::parse_ts;
use crate::digest::sha256_hex;
use crate::error::ApiResult;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use kabinet_protocol::api::{Allowance, Allowances};
use sqlx::SqliteConnection;

pub async fn of(conn: &mut SqliteConnection, msisdn: &str, now: DateTime<Utc>) -> ApiResult<Allowances> {
    let summary = summary(conn, msisdn).await?;
    let (start, end) = bill_cycle(now);
    let used = |salt: &str, total: i64| -> i64 {
        let h = sha256_hex(format!("{msisdn}:{salt}:{start}").as_bytes());
        let n = u64::from_str_radix(&h[..8], 16).unwrap_or(0) as i64;
        total - n % (total + 1)
    };
    let allowance = |name: &str, name_ru: &str, kind, total: Option<i64>, start: NaiveDate| Allowance {
        name: name.into(),
        name_ru: name_ru.into(),
        kind,
        unlimited: total.is_none(),
        available: total.map(|t| used(name, t)),
        total,
        connected_on: start,
        disconnect_on: end,
    };
    let tariff = catalog::tariff_allowances(&summary.tariff)
        .into_iter()
        .map(|(name, name_ru, kind, total)| allowance(name, name_ru, kind, total, start))
        .collect();
    let enabled: Vec<(String, String)> =
        sqlx::query_as("SELECT service_id, activated_at FROM number_services WHERE msisdn = ? ORDER BY activated_at")
            .bind(msisdn)
            .fetch_all(&mut *conn)
            .await?;
    let additional = enabled
        .into_iter()
        .filter_map(|(id, at)| {
            let (kind, total) = catalog::service_grant(&id)?;
            let service = catalog::service(&id)?;
            let connected = parse_ts(&at).date_naive().max(start);
            Some(allowance(&service.name, &service.name_ru, kind, Some(total), connected))
        })
        .collect();
    Ok(Allowances { tariff, additional })
}

/// The bill cycle holding `now`: the calendar month in Kazakhstan time (`kz.rs`).
fn bill_cycle(now: DateTime<Utc>) -> (NaiveDate, NaiveDate) {
    let local = kabinet_protocol::kz::today(now);
    let start = NaiveDate::from_ymd_opt(local.year(), local.month(), 1).expect("first of month");
    let end = if local.month() == 12 {
        NaiveDate::from_ymd_opt(local.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(local.year(), local.month() + 1, 1)
    }
    .expect("first of next month");
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn bill_cycle_uses_kazakhstan_time() {
        // 31 Dec 20:00 UTC is already 1 January in Almaty.
        let (start, end) = bill_cycle(Utc.with_ymd_and_hms(2025, 12, 31, 20, 0, 0).unwrap());
        assert_eq!(start, NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        assert_eq!(end, NaiveDate::from_ymd_opt(2026, 2, 1).unwrap());
    }
}
