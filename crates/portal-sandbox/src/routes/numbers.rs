//! A company's mobile numbers: the paged list (with `updated_since` for incremental sync),
//! the number profile, PIN/PUK on demand, and allowances. A number of a company not granted to
//! the caller answers 404.

use crate::auth::{sha256_hex, Admin};
use crate::catalog;
use crate::db::{parse_ts, ts_micros};
use crate::error::{ApiError, ApiResult, Path, Query};
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use chrono::{DateTime, Datelike, Duration, NaiveDate, SubsecRound, Utc};
use kabinet_core::api::*;
use kabinet_core::cache::summary_row::{SummaryRow, SUMMARY_COLUMNS};
use kabinet_core::{Error, ErrorCode};
use serde::Deserialize;

pub const PAGE_MAX: u32 = 5_000;

/// The company a number belongs to, if that company is granted to the caller.
pub(crate) async fn owned_company(state: &AppState, admin: &Admin, msisdn: &str) -> ApiResult<i64> {
    let company: Option<i64> = sqlx::query_scalar(
        "SELECT n.company_id FROM numbers n JOIN grants g ON g.company_id = n.company_id
         WHERE n.msisdn = ? AND g.admin_id = ?",
    )
    .bind(msisdn)
    .bind(admin.id)
    .fetch_optional(&state.db)
    .await?;
    company.ok_or_else(ApiError::not_found)
}

pub(crate) async fn summary(state: &AppState, msisdn: &str) -> ApiResult<NumberSummary> {
    let row: SummaryRow = sqlx::query_as(&format!("SELECT {SUMMARY_COLUMNS} FROM numbers WHERE msisdn = ?"))
        .bind(msisdn)
        .fetch_one(&state.db)
        .await?;
    Ok(NumberSummary::from_row(row)?)
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// From a previous page's `next_cursor`.
    cursor: Option<String>,
    /// 1 to 5000; default 1000.
    #[param(minimum = 1, maximum = 5000)]
    limit: Option<u32>,
    /// Only numbers changed after this time (RFC 3339).
    updated_since: Option<DateTime<Utc>>,
}

/// A page of the company's numbers in msisdn order.
#[utoipa::path(get, path = "/api/v1/companies/{id}/numbers", tag = "numbers", security(("bearer" = [])),
    params(("id" = i64, Path), ListQuery),
    responses(
        (status = 200, body = NumberPage),
        (status = 400, body = Error, description = "invalid_input"),
        (status = 401, body = Error, description = "session_expired"),
        (status = 404, body = Error, description = "not_found"),
        (status = 503, body = Error, description = "internal: a fault injected with /sandbox/faults"),
    ))]
pub async fn list(
    State(state): State<AppState>,
    admin: Admin,
    Path(company): Path<i64>,
    Query(q): Query<ListQuery>,
) -> ApiResult<Json<NumberPage>> {
    super::companies::ensure_granted(&state, &admin, company).await?;
    state.faults.take_numbers_page()?;
    super::requests::complete_due(&state).await?;
    let limit = q.limit.unwrap_or(1_000);
    if !(1..=PAGE_MAX).contains(&limit) {
        return Err(ApiError::new(ErrorCode::InvalidInput, format!("limit must be between 1 and {PAGE_MAX}.")));
    }
    // The cursor is "<server_time>|<last msisdn>", so every page of one listing reports the
    // time its first page was served.
    let (server_time, after) = match q.cursor.as_deref() {
        Some(c) => {
            let (t, m) = c.split_once('|').ok_or_else(|| ApiError::new(ErrorCode::InvalidInput, "Bad cursor."))?;
            (
                DateTime::parse_from_rfc3339(t)
                    .map_err(|_| ApiError::new(ErrorCode::InvalidInput, "Bad cursor."))?
                    .with_timezone(&Utc),
                m.to_string(),
            )
        }
        None => (state.clock.now().trunc_subsecs(6), String::new()),
    };
    let since = q.updated_since.map(ts_micros).unwrap_or_default();
    // A full listing walks the msisdn index. Changes since a time are few, so they are found by
    // the updated_at index and sorted; SQLite would otherwise walk every number by msisdn to
    // avoid that sort, and "nothing changed" would cost a scan of the whole company.
    let index = if q.updated_since.is_some() { "numbers_by_company_updated" } else { "numbers_by_company" };
    let rows: Vec<SummaryRow> = sqlx::query_as(&format!(
        "SELECT {SUMMARY_COLUMNS} FROM numbers INDEXED BY {index}
         WHERE company_id = ? AND msisdn > ? AND updated_at > ? ORDER BY msisdn LIMIT ?"
    ))
    .bind(company)
    .bind(&after)
    .bind(&since)
    .bind(i64::from(limit))
    .fetch_all(&state.db)
    .await?;
    let next_cursor = (rows.len() == limit as usize).then(|| {
        format!(
            "{}|{}",
            server_time.to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
            rows.last().expect("full page").0
        )
    });
    let items = rows.into_iter().map(NumberSummary::from_row).collect::<Result<_, _>>()?;
    Ok(Json(NumberPage { items, next_cursor, server_time }))
}

/// The number profile: information, general information, SIM and device.
#[utoipa::path(get, path = "/api/v1/numbers/{msisdn}", tag = "numbers", security(("bearer" = [])),
    params(("msisdn" = String, Path)),
    responses((status = 200, body = NumberDetail), (status = 401, body = Error), (status = 404, body = Error, description = "not_found")))]
pub async fn detail(
    State(state): State<AppState>,
    admin: Admin,
    Path(msisdn): Path<String>,
) -> ApiResult<Json<NumberDetail>> {
    owned_company(&state, &admin, &msisdn).await?;
    super::requests::complete_due(&state).await?;
    let summary = summary(&state, &msisdn).await?;
    type Row = (String, String, bool, bool, bool, String, Option<String>, Option<String>);
    let r: Row = sqlx::query_as(
        "SELECT payment_method, registration_form, ban_sms_ussd, ban_mykcell_details, ban_mykcell, iccid, sim_replaced_at, imei
         FROM numbers WHERE msisdn = ?",
    )
    .bind(&msisdn)
    .fetch_one(&state.db)
    .await?;
    Ok(Json(NumberDetail {
        general: GeneralInfo {
            payment_method: PaymentMethod::parse(&r.0).unwrap_or(PaymentMethod::Credit),
            registration_form: r.1,
            account: summary.account.clone(),
            ban_sms_ussd: r.2,
            ban_mykcell_details: r.3,
            ban_mykcell: r.4,
        },
        sim: SimInfo { iccid: r.5, sim_replaced_at: r.6.as_deref().map(parse_ts), imei: r.7 },
        summary,
    }))
}

/// PIN and PUK codes of the SIM. Each view is written to the actions history.
#[utoipa::path(get, path = "/api/v1/numbers/{msisdn}/sim-secrets", tag = "numbers", security(("bearer" = [])),
    params(("msisdn" = String, Path)),
    responses((status = 200, body = SimSecrets), (status = 401, body = Error), (status = 404, body = Error, description = "not_found")))]
pub async fn sim_secrets(
    State(state): State<AppState>,
    admin: Admin,
    Path(msisdn): Path<String>,
) -> ApiResult<Json<SimSecrets>> {
    let company = owned_company(&state, &admin, &msisdn).await?;
    super::services::record_action(&state, company, &admin, Some(&msisdn), "PIN/PUK codes viewed", "Success").await?;
    Ok(Json(derive_secrets(&msisdn)))
}

/// The sandbox keeps no PIN/PUK at rest: it derives them from the number when asked.
fn derive_secrets(msisdn: &str) -> SimSecrets {
    if msisdn == "77010542007" {
        // The manual's example.
        return SimSecrets {
            pin1: "0000".into(),
            pin2: "8649".into(),
            puk1: "51352846".into(),
            puk2: "55752910".into(),
        };
    }
    let h = sha256_hex(format!("kabinet-sandbox-sim:{msisdn}").as_bytes());
    let digits: String = h.bytes().map(|b| char::from(b'0' + b % 10)).collect();
    SimSecrets {
        pin1: digits[0..4].into(),
        pin2: digits[4..8].into(),
        puk1: digits[8..16].into(),
        puk2: digits[16..24].into(),
    }
}

/// Remaining allowance from the tariff, and additional allowances from enabled services.
#[utoipa::path(get, path = "/api/v1/numbers/{msisdn}/allowances", tag = "numbers", security(("bearer" = [])),
    params(("msisdn" = String, Path)),
    responses((status = 200, body = Allowances), (status = 401, body = Error), (status = 404, body = Error, description = "not_found")))]
pub async fn allowances(
    State(state): State<AppState>,
    admin: Admin,
    Path(msisdn): Path<String>,
) -> ApiResult<Json<Allowances>> {
    owned_company(&state, &admin, &msisdn).await?;
    let summary = summary(&state, &msisdn).await?;
    let (start, end) = bill_cycle(state.clock.now());
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
            .bind(&msisdn)
            .fetch_all(&state.db)
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
    Ok(Json(Allowances { tariff, additional }))
}

/// The bill cycle holding `now`: the calendar month in Kazakhstan time (UTC+5).
pub(crate) fn bill_cycle(now: DateTime<Utc>) -> (NaiveDate, NaiveDate) {
    let local = (now + Duration::hours(5)).date_naive();
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

    #[test]
    fn derived_secrets_are_stable_and_well_formed() {
        let a = derive_secrets("77010600000");
        assert_eq!(a, derive_secrets("77010600000"));
        assert_eq!((a.pin1.len(), a.pin2.len(), a.puk1.len(), a.puk2.len()), (4, 4, 8, 8));
        assert_eq!(derive_secrets("77010542007").pin2, "8649");
    }
}
