//! Reading a company's rows for its index. At 100,000 numbers, decoding one result row per
//! number costs more than the index build, so the columns come as concatenated strings (one
//! result row for each half of the list, read at once) and are split here; a count that does
//! not add up (a separator inside the data) falls back to reading row by row. Labels come apart
//! (few rows have one), joined by rowid.

use super::company::CompanyIndex;
use super::text::{IndexRow, LabelRef};
use crate::cache::Owner;
use crate::error::Result;
use rustc_hash::FxHashMap;
use sqlx::{SqliteConnection, SqlitePool};

/// A row read on its own (the fallback, and the rows an incremental sync changed).
#[derive(sqlx::FromRow)]
pub(super) struct OwnedRow {
    rowid: i64,
    msisdn: String,
    account: String,
    tariff: String,
    state: String,
    payment_method: String,
    available_funds: Option<i64>,
    balance: i64,
    employee: Option<String>,
    department: Option<String>,
    cost_centre_code: Option<String>,
    search: Option<String>,
}

impl OwnedRow {
    pub(super) fn as_row(&self) -> IndexRow<'_> {
        let label = match (&self.employee, &self.department, &self.cost_centre_code, &self.search) {
            (Some(employee), Some(department), Some(cost_centre), Some(search)) => {
                Some(LabelRef { employee, department, cost_centre, search })
            }
            _ => None,
        };
        IndexRow {
            rowid: self.rowid,
            msisdn: &self.msisdn,
            account: &self.account,
            tariff: &self.tariff,
            state: &self.state,
            payment: &self.payment_method,
            funds: self.available_funds,
            balance: self.balance,
            label,
        }
    }
}

/// The current rows of a company, all of them or those of the numbers `only` (a JSON array),
/// in number order.
pub(super) async fn owned_rows(
    conn: &mut SqliteConnection,
    owner: &Owner,
    company: i64,
    only: Option<String>,
) -> Result<Vec<OwnedRow>> {
    sqlx::query_as(
        "SELECT n.rowid, n.msisdn, n.account, n.tariff, n.state, n.payment_method, n.available_funds, n.balance,
                l.employee, l.department, l.cost_centre_code, l.search
         FROM numbers n LEFT JOIN number_labels l ON l.portal = n.portal AND l.admin_phone = n.admin_phone
             AND l.company_id = n.company_id AND l.msisdn = n.msisdn
         WHERE n.portal = ?1 AND n.admin_phone = ?2 AND n.company_id = ?3
           AND (?4 IS NULL OR n.msisdn IN (SELECT value FROM json_each(?4)))
         ORDER BY n.msisdn",
    )
    .bind(&owner.portal)
    .bind(&owner.admin)
    .bind(company)
    .bind(only)
    .fetch_all(&mut *conn)
    .await
    .map_err(crate::Error::cache)
}

/// A company's columns as SQLite concatenates them: the row count, then rowids, numbers,
/// accounts, tariffs, states, payment methods, available funds and balances.
type Columns = (i64, String, String, String, String, String, String, String, String);

/// Reads a company's rows and builds its index. The rows are read in two halves (by number) at
/// once, the second on another connection of `pool` when one is free: at a million numbers the
/// read is half of the build, and SQLite runs each connection's statement on its own thread.
/// The halves may see different moments of the cache, as the labels' statement may; the caller
/// keeps the index only when no write came since it began ([`super::SearchIndex`]).
pub(super) async fn company(
    conn: &mut SqliteConnection,
    pool: &SqlitePool,
    owner: &Owner,
    company: i64,
) -> Result<CompanyIndex> {
    let middle: Option<String> = sqlx::query_scalar(
        "SELECT msisdn FROM numbers WHERE portal = ?1 AND admin_phone = ?2 AND company_id = ?3 ORDER BY msisdn
         LIMIT 1 OFFSET (SELECT COUNT(*) / 2 FROM numbers WHERE portal = ?1 AND admin_phone = ?2 AND company_id = ?3)",
    )
    .bind(&owner.portal)
    .bind(&owner.admin)
    .bind(company)
    .fetch_optional(&mut *conn)
    .await
    .map_err(crate::Error::cache)?;
    let halves = match (middle, pool.try_acquire()) {
        (Some(middle), Some(mut other)) => {
            let (low, high) = tokio::join!(
                columns(conn, owner, company, Half::Below(&middle)),
                columns(&mut other, owner, company, Half::From(&middle))
            );
            vec![low?, high?]
        }
        _ => vec![columns(conn, owner, company, Half::Whole).await?],
    };
    let labels: Vec<(i64, String, String, String, String)> = sqlx::query_as(
        "SELECT n.rowid, l.employee, l.department, l.cost_centre_code, l.search FROM number_labels l
         JOIN numbers n ON n.portal = l.portal AND n.admin_phone = l.admin_phone
             AND n.company_id = l.company_id AND n.msisdn = l.msisdn
         WHERE l.portal = ? AND l.admin_phone = ? AND l.company_id = ?",
    )
    .bind(&owner.portal)
    .bind(&owner.admin)
    .bind(company)
    .fetch_all(&mut *conn)
    .await
    .map_err(crate::Error::cache)?;
    let labels: FxHashMap<i64, LabelRef<'_>> = labels
        .iter()
        .map(|(r, employee, department, cost_centre, search)| {
            (*r, LabelRef { employee, department, cost_centre, search })
        })
        .collect();
    // Each half is split on its own thread (a fifth of the build at a million numbers).
    let split: Vec<Option<Vec<IndexRow<'_>>>> = std::thread::scope(|scope| {
        let threads: Vec<_> = halves.iter().map(|half| scope.spawn(|| split_rows(half, &labels))).collect();
        threads.into_iter().map(|t| t.join().expect("a split does not panic")).collect()
    });
    let Some(parts) = split.into_iter().collect::<Option<Vec<_>>>() else {
        let owned = owned_rows(conn, owner, company, None).await?;
        let rows: Vec<IndexRow<'_>> = owned.iter().map(OwnedRow::as_row).collect();
        return Ok(CompanyIndex::build(&rows));
    };
    let mut parts = parts.into_iter();
    let mut rows = parts.next().unwrap_or_default();
    parts.for_each(|part| rows.extend(part));
    // The list's order is by number; the concatenation's order is SQLite's to choose.
    if !rows.windows(2).all(|w| w[0].msisdn < w[1].msisdn) {
        rows.sort_unstable_by(|a, b| a.msisdn.cmp(b.msisdn));
    }
    Ok(CompanyIndex::build(&rows))
}

/// Which of a company's rows a statement reads, split at a number.
#[derive(Clone, Copy)]
enum Half<'a> {
    Whole,
    Below(&'a str),
    From(&'a str),
}

/// The columns of a company's rows (those of `half`), each concatenated.
async fn columns(conn: &mut SqliteConnection, owner: &Owner, company: i64, half: Half<'_>) -> Result<Columns> {
    let (range, bound) = match half {
        Half::Whole => ("", None),
        Half::Below(m) => (" AND msisdn < ?4", Some(m)),
        Half::From(m) => (" AND msisdn >= ?4", Some(m)),
    };
    let sql = format!(
        "SELECT COUNT(*), COALESCE(group_concat(rowid, ','), ''), COALESCE(group_concat(msisdn, ','), ''),
                COALESCE(group_concat(account, char(31)), ''), COALESCE(group_concat(tariff, char(31)), ''),
                COALESCE(group_concat(state, char(31)), ''), COALESCE(group_concat(payment_method, char(31)), ''),
                COALESCE(group_concat(COALESCE(available_funds, ''), ','), ''), COALESCE(group_concat(balance, ','), '')
         FROM numbers WHERE portal = ?1 AND admin_phone = ?2 AND company_id = ?3{range}",
    );
    let mut query = sqlx::query_as(&sql).bind(&owner.portal).bind(&owner.admin).bind(company);
    if let Some(bound) = bound {
        query = query.bind(bound);
    }
    query.fetch_one(&mut *conn).await.map_err(crate::Error::cache)
}

/// The rows of concatenated columns, or `None` when a count does not add up (a separator
/// inside the data: the caller reads row by row instead).
fn split_rows<'a>(columns: &'a Columns, labels: &FxHashMap<i64, LabelRef<'a>>) -> Option<Vec<IndexRow<'a>>> {
    let (count, rowids, msisdns, accounts, tariffs, states, payments, funds, balances) = columns;
    let count = usize::try_from(*count).ok()?;
    let split = |s: &'a str, sep: char| -> Option<Vec<&'a str>> {
        let parts: Vec<&str> = if count == 0 { Vec::new() } else { s.split(sep).collect() };
        (parts.len() == count).then_some(parts)
    };
    let number = |s: &str| s.parse::<i64>().ok();
    let rowids: Vec<i64> = split(rowids, ',')?.into_iter().map(number).collect::<Option<_>>()?;
    let balances: Vec<i64> = split(balances, ',')?.into_iter().map(number).collect::<Option<_>>()?;
    let funds: Vec<Option<i64>> = split(funds, ',')?
        .into_iter()
        .map(|f| if f.is_empty() { Some(None) } else { number(f).map(Some) })
        .collect::<Option<_>>()?;
    let (msisdns, accounts, tariffs) = (split(msisdns, ',')?, split(accounts, '\u{1f}')?, split(tariffs, '\u{1f}')?);
    let (states, payments) = (split(states, '\u{1f}')?, split(payments, '\u{1f}')?);
    Some(
        (0..count)
            .map(|i| IndexRow {
                rowid: rowids[i],
                msisdn: msisdns[i],
                account: accounts[i],
                tariff: tariffs[i],
                state: states[i],
                payment: payments[i],
                funds: funds[i],
                balance: balances[i],
                label: labels.get(&rowids[i]).copied(),
            })
            .collect(),
    )
}
