//! Spend's figures read from the totals kept with the charges (`cache/charge_totals.rs`,
//! migration 0015), each as one `GROUP BY`, so a view adds up a few hundred month × tariff ×
//! service rows or one row per number and month, never the 4.9M charge lines of a year of
//! 100,000 numbers. The cost centre and department come from `number_labels` (a number without
//! one: `NULL`, Unassigned). Only the numbers behind a service read the lines: the per-number
//! totals do not split by service. A view by a dimension is kept once added up (`spend_views`)
//! until the company's charges or labels change: by cost centre or department it joins a row
//! per number and month with its label, seconds at 100,000 numbers.

use super::Owner;
use crate::error::{Error, Result};
use crate::number_label::{CostCentre, Label};
use crate::spend::dimension::Dimension;
use sqlx::query::QueryAs;
use sqlx::sqlite::SqliteArguments;
use sqlx::{Sqlite, SqliteConnection, SqlitePool};
use tokio::task::JoinHandle;

/// The months `from..=to` of one company (`YYYY-MM`).
pub struct Window<'a> {
    pub owner: &'a Owner,
    pub company: i64,
    pub from: String,
    pub to: String,
}

/// A group's sum in one month: `(month, key, name, net, vat)`; key `None`: Unassigned.
pub type GroupSum = (String, Option<String>, String, i64, i64);

/// A number's part of a figure: `(msisdn, account, tariff, employee, net, vat)`, the account and
/// tariff of its earliest month in the figure.
pub type NumberSum = (String, String, String, String, i64, i64);

/// A number's month: `(month, msisdn, account, tariff, net, vat)`.
pub type NumberMonthSum = (String, String, String, String, i64, i64);

/// The key of a number-month row `t` (joined with its label `l`) under `dimension`, as SQL.
fn label_key(dimension: Dimension) -> Option<&'static str> {
    match dimension {
        Dimension::CostCentre => Some("NULLIF(l.cost_centre_code, '')"),
        Dimension::Department => Some("NULLIF(l.department, '')"),
        Dimension::Tariff | Dimension::Service => None,
    }
}

/// A group's name under `dimension`, as SQL: the cost centre's (one of its labels' names when
/// they differ), empty otherwise.
fn label_name(dimension: Dimension) -> &'static str {
    match dimension {
        Dimension::CostCentre => {
            "CASE WHEN NULLIF(l.cost_centre_code, '') IS NULL THEN '' ELSE MIN(l.cost_centre_name) END"
        }
        _ => "''",
    }
}

const OWNER: &str = "t.portal = ?1 AND t.admin_phone = ?2 AND t.company_id = ?3 AND t.month BETWEEN ?4 AND ?5";

/// `sql` (a query of [`OWNER`]'s five places) with the window bound to them; more binds follow.
fn in_window<'q, O>(sql: &'q str, w: &'q Window<'_>) -> QueryAs<'q, Sqlite, O, SqliteArguments<'q>>
where
    O: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow>,
{
    sqlx::query_as(sql).bind(&w.owner.portal).bind(&w.owner.admin).bind(w.company).bind(&w.from).bind(&w.to)
}
const LABEL: &str = "LEFT JOIN number_labels l ON l.portal = t.portal AND l.admin_phone = t.admin_phone
     AND l.company_id = t.company_id AND l.msisdn = t.msisdn";

/// Each month's total: `(month, net, vat)`.
pub async fn by_month(conn: &mut SqliteConnection, w: &Window<'_>) -> Result<Vec<(String, i64, i64)>> {
    let sql =
        format!("SELECT t.month, SUM(t.net), SUM(t.vat) FROM charge_service_totals t WHERE {OWNER} GROUP BY t.month");
    in_window(&sql, w).fetch_all(conn).await.map_err(Error::cache)
}

/// Each group of `dimension` by month.
pub async fn group_sums(conn: &mut SqliteConnection, w: &Window<'_>, dimension: Dimension) -> Result<Vec<GroupSum>> {
    let sql = match (dimension, label_key(dimension)) {
        (_, Some(key)) => format!(
            "SELECT t.month, {key}, {}, SUM(t.net), SUM(t.vat) FROM charge_totals t {LABEL} WHERE {OWNER}
             GROUP BY t.month, {key}",
            label_name(dimension)
        ),
        (Dimension::Tariff, None) => format!(
            "SELECT t.month, t.tariff, '', SUM(t.net), SUM(t.vat) FROM charge_service_totals t WHERE {OWNER}
             GROUP BY t.month, t.tariff"
        ),
        _ => format!(
            "SELECT t.month, t.service, '', SUM(t.net), SUM(t.vat) FROM charge_service_totals t WHERE {OWNER}
             GROUP BY t.month, t.service"
        ),
    };
    in_window(&sql, w).fetch_all(conn).await.map_err(Error::cache)
}

/// How many numbers each group of `dimension` has over the window: `(key, numbers)`.
pub async fn group_counts(
    conn: &mut SqliteConnection,
    w: &Window<'_>,
    dimension: Dimension,
) -> Result<Vec<(Option<String>, i64)>> {
    let sql = match (dimension, label_key(dimension)) {
        (_, Some(key)) => format!(
            "SELECT {key}, COUNT(*) FROM (SELECT DISTINCT t.portal, t.admin_phone, t.company_id, t.msisdn
             FROM charge_totals t WHERE {OWNER}) t {LABEL} GROUP BY {key}"
        ),
        (Dimension::Tariff, None) => {
            format!("SELECT t.tariff, COUNT(DISTINCT t.msisdn) FROM charge_totals t WHERE {OWNER} GROUP BY t.tariff")
        }
        _ => format!("SELECT t.service, COUNT(DISTINCT t.msisdn) FROM charges t WHERE {OWNER} GROUP BY t.service"),
    };
    in_window(&sql, w).fetch_all(conn).await.map_err(Error::cache)
}

/// The numbers behind the group `key` of `dimension` (every number: `dimension` `None`) over the
/// window, each with its part.
pub async fn numbers_behind(
    pool: &SqlitePool,
    w: &Window<'_>,
    dimension: Option<Dimension>,
    key: Option<&str>,
) -> Result<Vec<NumberSum>> {
    let (table, filter) = match dimension {
        None => ("charge_totals", "1".to_string()),
        Some(Dimension::Tariff) => ("charge_totals", "t.tariff IS ?6".to_string()),
        Some(Dimension::Service) => ("charges", "t.service IS ?6".to_string()),
        Some(d) => ("charge_totals", format!("{} IS ?6", label_key(d).unwrap_or("NULL"))),
    };
    // SQLite takes a bare column from the row MIN() picked: the number's earliest month.
    let sql = format!(
        "SELECT t.msisdn, t.account, t.tariff, COALESCE(l.employee, ''), SUM(t.net), SUM(t.vat), MIN(t.month)
         FROM {table} t {LABEL} WHERE {OWNER} AND {filter} GROUP BY t.msisdn"
    );
    let rows: Vec<(String, String, String, String, i64, i64, String)> =
        in_window(&sql, w).bind(key).fetch_all(pool).await.map_err(Error::cache)?;
    Ok(rows.into_iter().map(|(m, a, t, e, net, vat, _)| (m, a, t, e, net, vat)).collect())
}

/// The `count` numbers that cost most in `w.to` by net (`with_vat`: with VAT), the largest
/// first, then by number.
pub async fn top(pool: &SqlitePool, w: &Window<'_>, with_vat: bool, count: i64) -> Result<Vec<NumberMonthSum>> {
    let order = if with_vat { "t.net + t.vat" } else { "t.net" };
    let sql = format!(
        "SELECT t.month, t.msisdn, t.account, t.tariff, t.net, t.vat FROM charge_totals t
         WHERE {OWNER} AND t.month = ?5 ORDER BY {order} DESC, t.msisdn LIMIT ?6"
    );
    in_window(&sql, w).bind(count).fetch_all(pool).await.map_err(Error::cache)
}

/// Every number-month of the window (only `msisdns`' when given), by month then number: a month
/// at a time, each as one JSON array SQLite builds (a year of 100,000 numbers is 1.2M rows, which
/// the driver hands over one by one far slower).
pub async fn number_months(
    pool: &SqlitePool,
    w: &Window<'_>,
    msisdns: Option<&[String]>,
) -> Result<Vec<NumberMonthSum>> {
    let list = msisdns.map(serde_json::to_string).transpose().map_err(|e| Error::cache(e.to_string()))?;
    let months: Vec<String> = sqlx::query_scalar(
        "SELECT month FROM charge_months WHERE portal = ?1 AND admin_phone = ?2 AND company_id = ?3
         AND month BETWEEN ?4 AND ?5 ORDER BY month",
    )
    .bind(&w.owner.portal)
    .bind(&w.owner.admin)
    .bind(w.company)
    .bind(&w.from)
    .bind(&w.to)
    .fetch_all(pool)
    .await
    .map_err(Error::cache)?;
    // Only the numbers asked: looked up by the key, not the month scanned.
    let only = if list.is_some() { "AND t.msisdn IN (SELECT value FROM json_each(?5))" } else { "" };
    let sql = format!(
        "SELECT json_group_array(json_array(t.month, t.msisdn, t.account, t.tariff, t.net, t.vat))
         FROM (SELECT * FROM charge_totals t WHERE t.portal = ?1 AND t.admin_phone = ?2 AND t.company_id = ?3
               AND t.month = ?4 {only} ORDER BY t.msisdn) t"
    );
    let mut rows = Vec::new();
    for month in months {
        let json: String = sqlx::query_scalar(&sql)
            .bind(&w.owner.portal)
            .bind(&w.owner.admin)
            .bind(w.company)
            .bind(&month)
            .bind(&list)
            .fetch_one(pool)
            .await
            .map_err(Error::cache)?;
        let month: Vec<NumberMonthSum> = serde_json::from_str(&json).map_err(|e| Error::cache(e.to_string()))?;
        rows.extend(month);
    }
    Ok(rows)
}

/// A number over the chargeback's months: its account and tariff in the first of them it was
/// billed in, and each month's `(net, vat)` (zero when not billed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberYear {
    pub msisdn: String,
    pub account: String,
    pub tariff: String,
    pub months: Vec<(i64, i64)>,
}

/// Every number billed in `months` (each `YYYY-MM`, in order), by number. A year of 100,000
/// numbers is 1.2M number-months: grouping them by number in SQL sorts them all, the driver
/// hands rows over one by one far slower, and decoding every row's account and tariff took
/// seconds. So a month at a time, as one JSON array SQLite builds, in number order
/// (`[msisdn, net, vat]`; the first month with the account and tariff, as it bills nearly every
/// number), merged by number with the months before (both in the same order: no hashing). Each
/// month is decoded and merged on another thread while SQLite builds the next one. The account
/// and tariff of the numbers a later month bills first are read last, in one query.
pub async fn number_years(conn: &mut SqliteConnection, w: &Window<'_>, months: &[String]) -> Result<Vec<NumberYear>> {
    // SQLite builds each array in the order it scans the key (month, then number), but SQL
    // promises no order for an aggregate's rows, and an `ORDER BY` in a subquery cost about a
    // third of each query's time: [`by_number`] checks the order, and sorts only if need be.
    let first = "SELECT json_group_array(json_array(t.msisdn, t.net, t.vat, t.account, t.tariff)) FROM charge_totals t
         WHERE t.portal = ?1 AND t.admin_phone = ?2 AND t.company_id = ?3 AND t.month = ?4";
    let later = "SELECT json_group_array(json_array(t.msisdn, t.net, t.vat)) FROM charge_totals t
         WHERE t.portal = ?1 AND t.admin_phone = ?2 AND t.company_id = ?3 AND t.month = ?4";
    let mut out: Vec<NumberYear> = Vec::new();
    let mut pending: Option<String> = None;
    for k in 0..=months.len() {
        // Month `k` is built while month `k - 1` is merged.
        let merged = pending.take().map(|json| {
            let count = months.len();
            let mut taken = std::mem::take(&mut out);
            tokio::task::spawn_blocking(move || merge_month(&mut taken, &json, k - 1, count).map(|()| taken))
        });
        if let Some(month) = months.get(k) {
            let sql = if k == 0 { first } else { later };
            let json: String = sqlx::query_scalar(sql)
                .bind(&w.owner.portal)
                .bind(&w.owner.admin)
                .bind(w.company)
                .bind(month)
                .fetch_one(&mut *conn)
                .await
                .map_err(Error::cache)?;
            pending = Some(json);
        }
        if let Some(merged) = merged {
            out = merged.await.map_err(|e| Error::cache(e.to_string()))??;
        }
    }
    name_later_numbers(conn, w, &mut out).await?;
    Ok(out)
}

/// Merges month `k` of `count` (its JSON array) into `out`, both by number.
fn merge_month(out: &mut Vec<NumberYear>, json: &str, k: usize, count: usize) -> Result<()> {
    let decode = |e: serde_json::Error| Error::cache(e.to_string());
    let new = |msisdn: &str, net, vat, account: String, tariff: String| {
        let mut months = vec![(0, 0); count];
        months[k] = (net, vat);
        NumberYear { msisdn: msisdn.to_string(), account, tariff, months }
    };
    if k == 0 {
        // The first month, with the account and tariff.
        let mut rows: Vec<(&str, i64, i64, String, String)> = serde_json::from_str(json).map_err(decode)?;
        by_number(&mut rows, |r| r.0);
        *out = rows.into_iter().map(|(m, net, vat, account, tariff)| new(m, net, vat, account, tariff)).collect();
        return Ok(());
    }
    let mut rows: Vec<(&str, i64, i64)> = serde_json::from_str(json).map_err(decode)?;
    by_number(&mut rows, |r| r.0);
    let mut first: Vec<NumberYear> = Vec::new();
    let mut at = 0;
    for (msisdn, net, vat) in rows {
        while at < out.len() && out[at].msisdn.as_str() < msisdn {
            at += 1;
        }
        match out.get_mut(at) {
            Some(n) if n.msisdn == msisdn => n.months[k] = (net, vat),
            _ => first.push(new(msisdn, net, vat, String::new(), String::new())),
        }
    }
    if !first.is_empty() {
        out.extend(first);
        out.sort_unstable_by(|a, b| a.msisdn.cmp(&b.msisdn));
    }
    Ok(())
}

/// Puts `rows` in the order of their numbers (`msisdn`), the byte order Rust compares `str` in,
/// unless they already are (a look at each pair: the key's scan gives them in order).
fn by_number<T>(rows: &mut [T], msisdn: impl Fn(&T) -> &str) {
    if !rows.is_sorted_by(|a, b| msisdn(a) <= msisdn(b)) {
        rows.sort_by(|a, b| msisdn(a).cmp(msisdn(b)));
    }
}

/// The account and tariff of the numbers a later month billed first (the ones still without):
/// those of the earliest month of the window that bills them.
async fn name_later_numbers(conn: &mut SqliteConnection, w: &Window<'_>, out: &mut [NumberYear]) -> Result<()> {
    let decode = |e: serde_json::Error| Error::cache(e.to_string());
    let unnamed: Vec<&str> = out.iter().filter(|n| n.account.is_empty()).map(|n| n.msisdn.as_str()).collect();
    if unnamed.is_empty() {
        return Ok(());
    }
    let list = serde_json::to_string(&unnamed).map_err(decode)?;
    // SQLite takes a bare column from the row MIN() picked: the number's earliest month.
    let sql = format!(
        "SELECT json_group_array(json_array(msisdn, account, tariff)) FROM
         (SELECT t.msisdn, t.account, t.tariff, MIN(t.month) FROM charge_totals t
          WHERE {OWNER} AND t.msisdn IN (SELECT value FROM json_each(?6)) GROUP BY t.msisdn ORDER BY t.msisdn)"
    );
    let json: String = sqlx::query_scalar(&sql)
        .bind(&w.owner.portal)
        .bind(&w.owner.admin)
        .bind(w.company)
        .bind(&w.from)
        .bind(&w.to)
        .bind(&list)
        .fetch_one(conn)
        .await
        .map_err(Error::cache)?;
    let rows: Vec<(&str, String, String)> = serde_json::from_str(&json).map_err(decode)?;
    // Both by number, and `rows` holds every unnamed number.
    let mut rows = rows.into_iter().peekable();
    for n in out.iter_mut().filter(|n| n.account.is_empty()) {
        while rows.next_if(|r| r.0 < n.msisdn.as_str()).is_some() {}
        if let Some((_, account, tariff)) = rows.next_if(|r| r.0 == n.msisdn) {
            (n.account, n.tariff) = (account, tariff);
        }
    }
    Ok(())
}

/// The company's labels as the chargeback shows them (employee, department, cost centre; the
/// tags are not read), by number ([`by_number`]): one JSON array SQLite builds, decoded on a
/// blocking thread while the connection reads on (at 100,000 labels the decoding is a tenth of a
/// second); the handle gives them.
pub async fn chargeback_labels(
    conn: &mut SqliteConnection,
    owner: &Owner,
    company: i64,
) -> Result<JoinHandle<Result<Vec<(String, Label)>>>> {
    let json: String = sqlx::query_scalar(
        "SELECT json_group_array(json_array(msisdn, employee, department, cost_centre_code, cost_centre_name))
         FROM number_labels WHERE portal = ? AND admin_phone = ? AND company_id = ?",
    )
    .bind(&owner.portal)
    .bind(&owner.admin)
    .bind(company)
    .fetch_one(conn)
    .await
    .map_err(Error::cache)?;
    Ok(tokio::task::spawn_blocking(move || {
        let mut rows: Vec<(String, String, String, String, String)> =
            serde_json::from_str(&json).map_err(|e| Error::cache(e.to_string()))?;
        by_number(&mut rows, |r| r.0.as_str());
        Ok(rows
            .into_iter()
            .map(|(msisdn, employee, department, code, name)| {
                (msisdn, Label { employee, department, cost_centre: CostCentre { code, name }, tags: Vec::new() })
            })
            .collect())
    }))
}

/// The kept view of `dimension` over the window (`spend_views`), as JSON, if still kept.
pub async fn kept_view(pool: &SqlitePool, w: &Window<'_>, dimension: &str) -> Result<Option<String>> {
    sqlx::query_scalar(
        "SELECT groups_json FROM spend_views WHERE portal = ? AND admin_phone = ? AND company_id = ?
         AND dimension = ? AND from_month = ? AND to_month = ?",
    )
    .bind(&w.owner.portal)
    .bind(&w.owner.admin)
    .bind(w.company)
    .bind(dimension)
    .bind(&w.from)
    .bind(&w.to)
    .fetch_optional(pool)
    .await
    .map_err(Error::cache)
}

/// Keeps the view of `dimension` over the window, unless the charges or labels it was added up
/// from changed since `tx` began reading them (the write then fails, and nothing is kept).
pub async fn keep_view(
    mut tx: sqlx::Transaction<'_, sqlx::Sqlite>,
    w: &Window<'_>,
    dimension: &str,
    json: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT OR REPLACE INTO spend_views (portal, admin_phone, company_id, dimension, from_month, to_month, groups_json)
         VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&w.owner.portal)
    .bind(&w.owner.admin)
    .bind(w.company)
    .bind(dimension)
    .bind(&w.from)
    .bind(&w.to)
    .bind(json)
    .execute(&mut *tx)
    .await
    .map_err(Error::cache)?;
    tx.commit().await.map_err(Error::cache)
}

/// Forgets the company's kept views, in the transaction that changes its charges or labels.
pub async fn forget_views(conn: &mut SqliteConnection, owner: &Owner, company: i64) -> Result<()> {
    sqlx::query("DELETE FROM spend_views WHERE portal = ? AND admin_phone = ? AND company_id = ?")
        .bind(&owner.portal)
        .bind(&owner.admin)
        .bind(company)
        .execute(conn)
        .await
        .map_err(Error::cache)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{ChargeService, MonthCharges, NumberCharges, ServiceCharge};
    use crate::cache::{charges, Cache};
    use crate::domain::Tiyn;
    use crate::rules::document_months::YearMonth;
    use chrono::Utc;

    fn line(msisdn: &str, account: &str, tariff: &str, month: YearMonth, net: i64) -> NumberCharges {
        let services = vec![ServiceCharge { service: ChargeService::Calls, net: Tiyn(net), vat: Tiyn(net / 10) }];
        NumberCharges {
            account: account.into(),
            msisdn: msisdn.into(),
            tariff: tariff.into(),
            months: vec![MonthCharges { month, services }],
        }
    }

    #[test]
    fn months_given_out_of_number_order_are_merged_by_number() {
        let mut out = Vec::new();
        merge_month(&mut out, r#"[["77010000003",3,0,"C","T"],["77010000001",1,0,"A","T"]]"#, 0, 2).unwrap();
        merge_month(&mut out, r#"[["77010000003",30,0],["77010000002",20,0],["77010000001",10,0]]"#, 1, 2).unwrap();
        let got: Vec<_> = out.iter().map(|n| (n.msisdn.as_str(), n.account.as_str(), n.months.clone())).collect();
        assert_eq!(
            got,
            vec![
                ("77010000001", "A", vec![(1, 0), (10, 0)]),
                ("77010000002", "", vec![(0, 0), (20, 0)]),
                ("77010000003", "C", vec![(3, 0), (30, 0)]),
            ]
        );
    }

    #[tokio::test]
    async fn each_number_has_every_month_and_the_account_and_tariff_of_the_first_that_bills_it() {
        let cache = Cache::in_memory().await.unwrap();
        let owner = Owner::new("p", "77010016515");
        let m = |n| YearMonth::new(2026, n).unwrap();
        let months = [
            vec![line("77010000002", "A1", "T1", m(9), 100)],
            vec![line("77010000001", "B2", "T2", m(10), 50), line("77010000002", "A1", "T9", m(10), 200)],
            vec![line("77010000001", "B3", "T3", m(11), 70), line("77010000003", "C3", "T3", m(11), 30)],
        ];
        for lines in &months {
            charges::replace_month(cache.pool(), &owner, 1, lines[0].months[0].month, lines, Utc::now()).await.unwrap();
        }
        let years = |from: u32, names: &[&str]| {
            let (pool, owner) = (cache.pool().clone(), owner.clone());
            let names: Vec<String> = names.iter().map(|s| s.to_string()).collect();
            async move {
                let w = Window { owner: &owner, company: 1, from: format!("2026-{from:02}"), to: "2026-11".into() };
                let mut conn = pool.acquire().await.unwrap();
                let got = number_years(&mut conn, &w, &names).await.unwrap();
                got.into_iter().map(|n| (n.msisdn, n.account, n.tariff, n.months)).collect::<Vec<_>>()
            }
        };
        let row = |msisdn: &str, account: &str, tariff: &str, months: &[(i64, i64)]| {
            (msisdn.to_string(), account.to_string(), tariff.to_string(), months.to_vec())
        };
        assert_eq!(
            years(9, &["2026-09", "2026-10", "2026-11"]).await,
            vec![
                row("77010000001", "B2", "T2", &[(0, 0), (50, 5), (70, 7)]),
                row("77010000002", "A1", "T1", &[(100, 10), (200, 20), (0, 0)]),
                row("77010000003", "C3", "T3", &[(0, 0), (0, 0), (30, 3)]),
            ]
        );
        // A first month that bills nobody: every account and tariff is looked up later.
        charges::replace_month(cache.pool(), &owner, 1, m(8), &[], Utc::now()).await.unwrap();
        assert_eq!(years(8, &["2026-08", "2026-09"]).await, vec![row("77010000002", "A1", "T1", &[(0, 0), (100, 10)])]);
    }
}
