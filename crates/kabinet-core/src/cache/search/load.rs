//! Reading a company's rows for its index: the whole list from the cache file (`read.rs`), and
//! the rows an incremental sync changed through sqlx (a few, on the caller's connection). Labels
//! come apart (few rows have one), joined by rowid.

use super::company::CompanyIndex;
use super::read;
use super::text::{IndexRow, LabelRef};
use crate::cache::Owner;
use crate::error::Result;
use rustc_hash::FxHashMap;
use sqlx::SqliteConnection;
use std::path::Path;

/// A row read through sqlx (every row of a cache in memory, and the rows an incremental sync
/// changed).
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

/// Reads a company's rows and builds its index: from the cache file (`read.rs`, two halves on
/// two threads) when the cache has one, else (a cache in memory: tests, and the fallback when the
/// file cannot be opened; or when that read fails) row by row on `conn`. Labels come from
/// `conn`, joined by rowid.
pub(super) async fn company(
    conn: &mut SqliteConnection,
    file: Option<&Path>,
    owner: &Owner,
    company: i64,
) -> Result<CompanyIndex> {
    let read = match file {
        Some(file) => from_file(file, owner, company).await,
        None => None,
    };
    let Some(halves) = read else {
        let owned = owned_rows(conn, owner, company, None).await?;
        let rows: Vec<IndexRow<'_>> = owned.iter().map(OwnedRow::as_row).collect();
        return Ok(CompanyIndex::build(&rows));
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
    let mut rows = Vec::with_capacity(halves.iter().map(read::Rows::len).sum());
    for half in &halves {
        rows.extend((0..half.len()).map(|i| {
            let [tariff, state, payment] = half.kinds(i);
            IndexRow {
                rowid: half.rowids[i],
                msisdn: half.msisdn(i),
                account: half.account(i),
                tariff,
                state,
                payment,
                funds: half.funds[i],
                balance: half.balances[i],
                label: labels.get(&half.rowids[i]).copied(),
            }
        }));
    }
    Ok(CompanyIndex::build(&rows))
}

/// The company's rows read from the cache file on connections of their own (`read.rs`), or
/// `None` when that read fails (logged): the pool's connection reads the same rows, only slower,
/// so a search does not fail because another connection to the file could not be opened.
async fn from_file(file: &Path, owner: &Owner, company: i64) -> Option<Vec<read::Rows>> {
    let (file, owner) = (file.to_owned(), owner.clone());
    let read = tokio::task::spawn_blocking(move || read::company(&file, &owner, company)).await;
    match read.map_err(crate::Error::cache).and_then(|halves| halves) {
        Ok(halves) => Some(halves),
        Err(e) => {
            tracing::warn!("the search index reads through the pool: {}", e.message);
            None
        }
    }
}
