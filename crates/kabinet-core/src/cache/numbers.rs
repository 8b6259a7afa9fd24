//! The `numbers` table and its trigram index `numbers_search`: each company's numbers list.
//!
//! Writes keep three things in step inside the caller's transaction: the rows, their
//! `position` (index in msisdn order) and the full-text index. Reads are windows: the UI
//! never receives the whole table.

use crate::api::{NumberState, NumberSummary, PaymentMethod};
use crate::domain::Tiyn;
use crate::error::Result;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

/// Rows per INSERT statement (17 binds each, far below SQLite's limit).
const BATCH: usize = 300;

/// What the user filters the list by.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NumberFilter {
    /// Any part of the number or account, a tariff or a state, in any case.
    pub text: String,
    pub state: Option<NumberState>,
    pub tariff: Option<String>,
}

impl NumberFilter {
    fn is_empty(&self) -> bool {
        self.text.trim().is_empty() && self.state.is_none() && self.tariff.is_none()
    }
}

/// A window of the (filtered) list and how many rows the whole list has.
#[derive(Debug, Clone, Serialize)]
pub struct NumberWindow {
    pub total: i64,
    pub offset: i64,
    pub rows: Vec<NumberSummary>,
}

fn search_text(n: &NumberSummary) -> String {
    format!("{} {} {} {}", n.msisdn, n.account, n.tariff, n.state.search_terms())
}

async fn insert_rows(
    conn: &mut SqliteConnection,
    portal: &str,
    company: i64,
    rows: &[(i64, &NumberSummary)],
    fetched_at: &str,
) -> Result<()> {
    for chunk in rows.chunks(BATCH) {
        let mut q = QueryBuilder::<Sqlite>::new(
            "INSERT INTO numbers (portal, company_id, msisdn, position, account, tariff, payment_method, state,
             state_changed_at, individual_limit, available_funds, credit_limit, balance, debt, updated_at, fetched_at, search) ",
        );
        q.push_values(chunk, |mut b, (position, n)| {
            b.push_bind(portal)
                .push_bind(company)
                .push_bind(&n.msisdn)
                .push_bind(*position)
                .push_bind(&n.account)
                .push_bind(&n.tariff)
                .push_bind(n.payment_method.as_str())
                .push_bind(n.state.as_str())
                .push_bind(n.state_changed_at.to_rfc3339())
                .push_bind(n.individual_limit.map(|t| t.0))
                .push_bind(n.available_funds.map(|t| t.0))
                .push_bind(n.credit_limit.0)
                .push_bind(n.balance.0)
                .push_bind(n.debt.0)
                .push_bind(n.updated_at.to_rfc3339())
                .push_bind(fetched_at)
                .push_bind(search_text(n));
        });
        q.build().execute(&mut *conn).await?;
    }
    Ok(())
}

/// Replaces a company's whole list (a full sync).
pub async fn replace_company(
    conn: &mut SqliteConnection,
    portal: &str,
    company: i64,
    numbers: &mut [NumberSummary],
    fetched_at: DateTime<Utc>,
) -> Result<()> {
    delete_index(conn, portal, company, None).await?;
    sqlx::query("DELETE FROM numbers WHERE portal = ? AND company_id = ?")
        .bind(portal)
        .bind(company)
        .execute(&mut *conn)
        .await?;
    numbers.sort_by(|a, b| a.msisdn.cmp(&b.msisdn));
    let rows: Vec<(i64, &NumberSummary)> = numbers.iter().enumerate().map(|(i, n)| (i as i64, n)).collect();
    insert_rows(conn, portal, company, &rows, &fetched_at.to_rfc3339()).await?;
    add_index(conn, portal, company, None).await
}

/// Inserts or updates the given numbers (an incremental sync); renumbers positions when a new
/// number arrived.
pub async fn upsert(
    conn: &mut SqliteConnection,
    portal: &str,
    company: i64,
    numbers: &[NumberSummary],
    fetched_at: DateTime<Utc>,
) -> Result<()> {
    if numbers.is_empty() {
        return Ok(());
    }
    let msisdns: Vec<&str> = numbers.iter().map(|n| n.msisdn.as_str()).collect();
    delete_index(conn, portal, company, Some(&msisdns)).await?;
    let mut q = QueryBuilder::<Sqlite>::new("DELETE FROM numbers WHERE portal = ");
    q.push_bind(portal).push(" AND company_id = ").push_bind(company).push(" AND msisdn IN (");
    let mut sep = q.separated(", ");
    for m in &msisdns {
        sep.push_bind(*m);
    }
    q.push(")");
    q.build().execute(&mut *conn).await?;
    // Temporary positions past the end; renumbered below when anything was new.
    let rows: Vec<(i64, &NumberSummary)> =
        numbers.iter().enumerate().map(|(i, n)| (i64::MAX / 2 + i as i64, n)).collect();
    insert_rows(conn, portal, company, &rows, &fetched_at.to_rfc3339()).await?;
    add_index(conn, portal, company, Some(&msisdns)).await?;
    renumber(conn, portal, company).await
}

/// Sets `position` to each row's index in msisdn order.
async fn renumber(conn: &mut SqliteConnection, portal: &str, company: i64) -> Result<()> {
    sqlx::query(
        "WITH ordered AS (SELECT rowid AS rid, ROW_NUMBER() OVER (ORDER BY msisdn) - 1 AS pos
                          FROM numbers WHERE portal = ?1 AND company_id = ?2)
         UPDATE numbers SET position = ordered.pos FROM ordered
         WHERE numbers.rowid = ordered.rid AND numbers.position <> ordered.pos",
    )
    .bind(portal)
    .bind(company)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

fn scope_sql(q: &mut QueryBuilder<'_, Sqlite>, portal: &str, company: i64, msisdns: Option<&[&str]>) {
    q.push(" FROM numbers WHERE portal = ").push_bind(portal.to_string()).push(" AND company_id = ").push_bind(company);
    if let Some(list) = msisdns {
        q.push(" AND msisdn IN (");
        let mut sep = q.separated(", ");
        for m in list {
            sep.push_bind(m.to_string());
        }
        q.push(")");
    }
}

/// Removes rows from the external-content index (it needs the indexed text to do so).
async fn delete_index(conn: &mut SqliteConnection, portal: &str, company: i64, msisdns: Option<&[&str]>) -> Result<()> {
    let mut q = QueryBuilder::<Sqlite>::new(
        "INSERT INTO numbers_search (numbers_search, rowid, search) SELECT 'delete', rowid, search",
    );
    scope_sql(&mut q, portal, company, msisdns);
    q.build().execute(&mut *conn).await?;
    Ok(())
}

async fn add_index(conn: &mut SqliteConnection, portal: &str, company: i64, msisdns: Option<&[&str]>) -> Result<()> {
    let mut q = QueryBuilder::<Sqlite>::new("INSERT INTO numbers_search (rowid, search) SELECT rowid, search");
    scope_sql(&mut q, portal, company, msisdns);
    q.build().execute(&mut *conn).await?;
    Ok(())
}

const COLUMNS: &str = "msisdn, account, tariff, payment_method, state, state_changed_at, individual_limit, \
    available_funds, credit_limit, balance, debt, updated_at";

type Row = (String, String, String, String, String, String, Option<i64>, Option<i64>, i64, i64, i64, String);

fn to_summary(r: Row) -> NumberSummary {
    NumberSummary {
        msisdn: r.0,
        account: r.1,
        tariff: r.2,
        payment_method: PaymentMethod::parse(&r.3).unwrap_or(PaymentMethod::Credit),
        state: NumberState::parse(&r.4).unwrap_or(NumberState::Active),
        state_changed_at: super::parse_time(&r.5),
        individual_limit: r.6.map(Tiyn),
        available_funds: r.7.map(Tiyn),
        credit_limit: Tiyn(r.8),
        balance: Tiyn(r.9),
        debt: Tiyn(r.10),
        updated_at: super::parse_time(&r.11),
    }
}

/// Appends the filter's conditions.
fn push_filter(q: &mut QueryBuilder<'_, Sqlite>, filter: &NumberFilter) {
    if let Some(state) = filter.state {
        q.push(" AND state = ").push_bind(state.as_str());
    }
    if let Some(tariff) = &filter.tariff {
        q.push(" AND tariff = ").push_bind(tariff.clone());
    }
    let text = filter.text.trim();
    if text.chars().count() >= 3 {
        // A phrase query on the trigram index: any substring, case-insensitive.
        let phrase = format!("\"{}\"", text.replace('"', "\"\""));
        q.push(" AND rowid IN (SELECT rowid FROM numbers_search WHERE numbers_search MATCH ")
            .push_bind(phrase)
            .push(")");
    } else if !text.is_empty() {
        // Too short for trigrams: a plain scan, lower-cased by SQLite for ASCII (digits mostly).
        q.push(" AND instr(lower(search), ").push_bind(text.to_lowercase()).push(") > 0");
    }
}

/// `limit` rows of the filtered list from `offset`, and the filtered list's length.
pub async fn window(
    conn: &mut SqliteConnection,
    portal: &str,
    company: i64,
    filter: &NumberFilter,
    offset: i64,
    limit: i64,
) -> Result<NumberWindow> {
    let offset = offset.max(0);
    let limit = limit.clamp(1, 500);
    if filter.is_empty() {
        let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM numbers WHERE portal = ? AND company_id = ?")
            .bind(portal)
            .bind(company)
            .fetch_one(&mut *conn)
            .await?;
        let rows: Vec<Row> = sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM numbers WHERE portal = ? AND company_id = ? AND position >= ? ORDER BY position LIMIT ?"
        ))
        .bind(portal)
        .bind(company)
        .bind(offset)
        .bind(limit)
        .fetch_all(&mut *conn)
        .await?;
        return Ok(NumberWindow { total, offset, rows: rows.into_iter().map(to_summary).collect() });
    }
    let mut count = QueryBuilder::<Sqlite>::new("SELECT COUNT(*) FROM numbers WHERE portal = ");
    count.push_bind(portal.to_string()).push(" AND company_id = ").push_bind(company);
    push_filter(&mut count, filter);
    let total: i64 = count.build_query_scalar().fetch_one(&mut *conn).await?;
    let mut q = QueryBuilder::<Sqlite>::new(format!("SELECT {COLUMNS} FROM numbers WHERE portal = "));
    q.push_bind(portal.to_string()).push(" AND company_id = ").push_bind(company);
    push_filter(&mut q, filter);
    q.push(" ORDER BY position LIMIT ").push_bind(limit).push(" OFFSET ").push_bind(offset);
    let rows: Vec<Row> = q.build_query_as().fetch_all(&mut *conn).await?;
    Ok(NumberWindow { total, offset, rows: rows.into_iter().map(to_summary).collect() })
}

/// Every number of a company in msisdn order (exports).
pub async fn all(
    conn: &mut SqliteConnection,
    portal: &str,
    company: i64,
    filter: &NumberFilter,
) -> Result<Vec<NumberSummary>> {
    let mut q = QueryBuilder::<Sqlite>::new(format!("SELECT {COLUMNS} FROM numbers WHERE portal = "));
    q.push_bind(portal.to_string()).push(" AND company_id = ").push_bind(company);
    push_filter(&mut q, filter);
    q.push(" ORDER BY position");
    let rows: Vec<Row> = q.build_query_as().fetch_all(&mut *conn).await?;
    Ok(rows.into_iter().map(to_summary).collect())
}

/// One cached number, with its company and fetch time.
pub async fn get(
    conn: &mut SqliteConnection,
    portal: &str,
    msisdn: &str,
) -> Result<Option<(i64, NumberSummary, DateTime<Utc>)>> {
    let row: Option<(i64, String)> =
        sqlx::query_as("SELECT company_id, fetched_at FROM numbers WHERE portal = ? AND msisdn = ? LIMIT 1")
            .bind(portal)
            .bind(msisdn)
            .fetch_optional(&mut *conn)
            .await?;
    let Some((company, fetched_at)) = row else { return Ok(None) };
    let r: Row =
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM numbers WHERE portal = ? AND company_id = ? AND msisdn = ?"))
            .bind(portal)
            .bind(company)
            .bind(msisdn)
            .fetch_one(&mut *conn)
            .await?;
    Ok(Some((company, to_summary(r), super::parse_time(&fetched_at))))
}

/// The tariffs in a company's list, for the filter.
pub async fn tariffs(conn: &mut SqliteConnection, portal: &str, company: i64) -> Result<Vec<String>> {
    Ok(sqlx::query_scalar("SELECT DISTINCT tariff FROM numbers WHERE portal = ? AND company_id = ? ORDER BY tariff")
        .bind(portal)
        .bind(company)
        .fetch_all(&mut *conn)
        .await?)
}
