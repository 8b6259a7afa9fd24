//! Reading a company's rows for its index. At 100,000 numbers, decoding one result row per
//! number costs more than the index build, so the columns come as concatenated strings (one
//! result row) and are split here; a count that does not add up (a separator inside the data)
//! falls back to reading row by row. Labels come apart (few rows have one), joined by rowid.

use super::company::CompanyIndex;
use super::text::{IndexRow, LabelRef};
use crate::cache::Owner;
use crate::error::Result;
use rustc_hash::FxHashMap;
use sqlx::SqliteConnection;

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

/// Reads a company's rows and builds its index.
pub(super) async fn company(conn: &mut SqliteConnection, owner: &Owner, company: i64) -> Result<CompanyIndex> {
    type Columns = (i64, String, String, String, String, String, String, String, String);
    let (count, rowids, msisdns, accounts, tariffs, states, payments, funds, balances): Columns = sqlx::query_as(
        "SELECT COUNT(*), COALESCE(group_concat(rowid, ','), ''), COALESCE(group_concat(msisdn, ','), ''),
                COALESCE(group_concat(account, char(31)), ''), COALESCE(group_concat(tariff, char(31)), ''),
                COALESCE(group_concat(state, char(31)), ''), COALESCE(group_concat(payment_method, char(31)), ''),
                COALESCE(group_concat(COALESCE(available_funds, ''), ','), ''), COALESCE(group_concat(balance, ','), '')
         FROM numbers WHERE portal = ? AND admin_phone = ? AND company_id = ?",
    )
    .bind(&owner.portal)
    .bind(&owner.admin)
    .bind(company)
    .fetch_one(&mut *conn)
    .await
    .map_err(crate::Error::cache)?;
    let count = count as usize;
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

    fn split(s: &str, sep: char, count: usize) -> Vec<&str> {
        if count == 0 {
            Vec::new()
        } else {
            s.split(sep).collect()
        }
    }
    let rowids: Vec<Option<i64>> = split(&rowids, ',', count).iter().map(|r| r.parse().ok()).collect();
    let balances: Vec<Option<i64>> = split(&balances, ',', count).iter().map(|r| r.parse().ok()).collect();
    let funds: Vec<&str> = split(&funds, ',', count);
    let columns = [split(&msisdns, ',', count), split(&accounts, '\u{1f}', count), split(&tariffs, '\u{1f}', count)];
    let more = [split(&states, '\u{1f}', count), split(&payments, '\u{1f}', count)];
    let whole = [rowids.len(), balances.len(), funds.len(), columns[0].len(), columns[1].len(), columns[2].len()]
        .into_iter()
        .chain(more.iter().map(Vec::len))
        .all(|len| len == count)
        && rowids.iter().chain(&balances).all(Option::is_some)
        && funds.iter().all(|f| f.is_empty() || f.parse::<i64>().is_ok());
    if !whole {
        let owned = owned_rows(conn, owner, company, None).await?;
        let rows: Vec<IndexRow<'_>> = owned.iter().map(OwnedRow::as_row).collect();
        return Ok(CompanyIndex::build(&rows));
    }
    let mut rows: Vec<IndexRow<'_>> = (0..count)
        .map(|i| {
            let rowid = rowids[i].unwrap_or_default();
            IndexRow {
                rowid,
                msisdn: columns[0][i],
                account: columns[1][i],
                tariff: columns[2][i],
                state: more[0][i],
                payment: more[1][i],
                funds: funds[i].parse().ok(),
                balance: balances[i].unwrap_or_default(),
                label: labels.get(&rowid).copied(),
            }
        })
        .collect();
    // The list's order is by number; the concatenation's order is SQLite's to choose.
    if !rows.windows(2).all(|w| w[0].msisdn < w[1].msisdn) {
        rows.sort_unstable_by(|a, b| a.msisdn.cmp(b.msisdn));
    }
    Ok(CompanyIndex::build(&rows))
}
