//! A company's whole numbers list written as a full sync receives it, page by page
//! ([`FullLoad`]), inside the sync's transaction.
//!
//! Why a module of its own: a full load is the cache's largest write (100,000 rows and more), so
//! it takes the direct path. The rows go in statements of [`BATCH`] rows (and a page's rest in
//! a few power-of-two sizes) whose text is made once, so SQLite's prepared statements are
//! reused; the values every row shares are bound once per statement; each row's place in the list
//! (`position`) is counted as the rows come, and nothing is renumbered afterwards unless the
//! portal's pages were not in number order. The old list is deleted first in the same
//! transaction, so until it commits every reader sees the old list whole.

use super::numbers::{renumber, INSERT_NUMBERS};
use super::Owner;
use crate::api::NumberSummary;
use crate::error::Result;
use chrono::{DateTime, Utc};
use sqlx::query::Query;
use sqlx::sqlite::SqliteArguments;
use sqlx::{Sqlite, SqliteConnection};
use std::sync::OnceLock;

/// Replaces a company's whole list with `numbers` (a full sync writes page by page through
/// [`FullLoad`] instead).
pub async fn replace_company(
    conn: &mut SqliteConnection,
    owner: &Owner,
    company: i64,
    numbers: &mut [NumberSummary],
    fetched_at: DateTime<Utc>,
) -> Result<()> {
    numbers.sort_by(|a, b| a.msisdn.cmp(&b.msisdn));
    let mut load = FullLoad::begin(conn, owner, company, fetched_at).await?;
    load.write(conn, numbers).await?;
    load.finish(conn).await
}

/// Values every row of a load shares, bound once per statement (after the rows' own): portal,
/// administrator, company and when the list was fetched.
const SHARED: usize = 4;

/// Columns bound per row (those of [`INSERT_NUMBERS`] less the shared ones).
const COLUMNS: usize = 13;

/// Rows per INSERT: 13,004 binds, under SQLite's limit of 32,766.
const BATCH: usize = 1_000;
const _: () = assert!(BATCH * COLUMNS + SHARED <= 32_766);

/// The connection's page cache during a load (KiB, as `PRAGMA cache_size` takes it negated): the
/// default 2 MiB spills written pages to the WAL and reads them back while the list's table and
/// its three indexes grow; [`FullLoad::finish`] puts [`CACHE_KIB`] back, which frees the pages.
const LOAD_CACHE_KIB: i64 = 64 * 1024;

/// SQLite's default page cache (2 MiB), which the pool's connections keep outside a load.
const CACHE_KIB: i64 = 2_000;

async fn cache_size(conn: &mut SqliteConnection, kib: i64) -> Result<()> {
    sqlx::query(&format!("PRAGMA cache_size = -{kib}")).execute(&mut *conn).await.map_err(crate::Error::cache)?;
    Ok(())
}

/// `WITH v AS (VALUES (...), ...) INSERT INTO numbers (...) SELECT ?N, ?N, ?N, v.*, ?N FROM v`
/// for `rows` rows. The rows' own values are plain `?`s, bound in order; the four every row
/// shares come after them, numbered. Not every parameter numbered: SQLite finds a numbered
/// parameter's name by walking the list of them, so 13,000 numbered parameters made a statement
/// quadratic (a full sync's write took 22 s instead of half a second).
fn insert_sql(rows: usize) -> String {
    let row = format!("({})", vec!["?"; COLUMNS].join(","));
    let shared = |i: usize| rows * COLUMNS + i;
    // The columns' order: portal, admin_phone, company_id, (the row's own: msisdn, position,
    // account, tariff, payment_method, state, state_changed_at, individual_limit,
    // available_funds, credit_limit, balance, debt, updated_at), fetched_at.
    format!(
        "WITH v AS (VALUES {}) {INSERT_NUMBERS} SELECT ?{},?{},?{},v.*,?{} FROM v",
        vec![row; rows].join(","),
        shared(1),
        shared(2),
        shared(3),
        shared(4)
    )
}

/// The statement for `rows` rows, one of [`BATCH`] or a power of two below it, made once per
/// process (the rest of a page goes in at most ten statements of those sizes, so that SQLite's
/// prepared statements, cached per connection, are a few and reused).
fn batch_sql(rows: usize) -> &'static str {
    const SIZES: usize = BATCH.ilog2() as usize + 2;
    static SQL: [OnceLock<String>; SIZES] = [const { OnceLock::new() }; SIZES];
    let slot = if rows == BATCH { SIZES - 1 } else { rows.ilog2() as usize };
    debug_assert!(rows == BATCH || rows.is_power_of_two());
    SQL[slot].get_or_init(|| insert_sql(rows))
}

/// The sizes `len` rows are written in: full batches, then powers of two, largest first.
fn batches(len: usize) -> impl Iterator<Item = usize> {
    let full = std::iter::repeat_n(BATCH, len / BATCH);
    let rest = len % BATCH;
    full.chain((0..usize::BITS).rev().map(|bit| 1 << bit).filter(move |size| rest & size != 0))
}

/// A full sync's write of one company's list, begun by [`FullLoad::begin`], fed by
/// [`FullLoad::write`] with each page in the order the portal sent them, ended by
/// [`FullLoad::finish`]; all on the sync's transaction.
pub struct FullLoad<'a> {
    owner: &'a Owner,
    company: i64,
    fetched_at: String,
    /// The next row's place in the list.
    position: i64,
    /// The last number written, to tell whether the pages come in number order.
    last: Option<String>,
    in_order: bool,
}

impl<'a> FullLoad<'a> {
    /// Deletes the company's list as cached, to be written anew.
    pub async fn begin(
        conn: &mut SqliteConnection,
        owner: &'a Owner,
        company: i64,
        fetched_at: DateTime<Utc>,
    ) -> Result<Self> {
        sqlx::query("DELETE FROM numbers WHERE portal = ? AND admin_phone = ? AND company_id = ?")
            .bind(&owner.portal)
            .bind(&owner.admin)
            .bind(company)
            .execute(&mut *conn)
            .await
            .map_err(crate::Error::cache)?;
        cache_size(conn, LOAD_CACHE_KIB).await?;
        Ok(Self { owner, company, fetched_at: fetched_at.to_rfc3339(), position: 0, last: None, in_order: true })
    }

    /// Writes the next rows of the list. Each statement's values are bound while SQLite runs
    /// the one before on the connection's worker thread (binding a page is about a fifth of
    /// writing it).
    pub async fn write(&mut self, conn: &mut SqliteConnection, rows: &[NumberSummary]) -> Result<()> {
        for n in rows {
            if self.last.as_deref().is_some_and(|last| last >= n.msisdn.as_str()) {
                self.in_order = false;
            }
            self.last = Some(n.msisdn.clone());
        }
        let mut rest = rows;
        let mut chunks = batches(rows.len()).map(|size| {
            let (chunk, after) = rest.split_at(size);
            rest = after;
            chunk
        });
        let mut next = chunks.next().map(|chunk| self.statement(chunk));
        while let Some(statement) = next.take() {
            let (done, built) =
                tokio::join!(statement.execute(&mut *conn), async { chunks.next().map(|chunk| self.statement(chunk)) });
            done.map_err(crate::Error::cache)?;
            next = built;
        }
        Ok(())
    }

    /// The INSERT of `chunk`, the rows that come next in the list, with its values bound.
    fn statement<'q>(&mut self, chunk: &'q [NumberSummary]) -> Query<'q, Sqlite, SqliteArguments<'q>> {
        let mut q = sqlx::query(batch_sql(chunk.len()));
        for n in chunk {
            q = q
                .bind(&n.msisdn)
                .bind(self.position)
                .bind(&n.account)
                .bind(&n.tariff)
                .bind(n.payment_method.as_str())
                .bind(n.state.as_str())
                .bind(n.state_changed_at.to_rfc3339())
                .bind(n.individual_limit.map(|t| t.0))
                .bind(n.available_funds.map(|t| t.0))
                .bind(n.credit_limit.0)
                .bind(n.balance.0)
                .bind(n.debt.0)
                .bind(n.updated_at.to_rfc3339());
            self.position += 1;
        }
        q.bind(self.owner.portal.clone())
            .bind(self.owner.admin.clone())
            .bind(self.company)
            .bind(self.fetched_at.clone())
    }

    /// A load that will not finish (its transaction is rolled back): the connection's page cache
    /// is put back as it was all the same.
    pub async fn abandon(self, conn: &mut SqliteConnection) {
        if let Err(e) = cache_size(conn, CACHE_KIB).await {
            tracing::warn!("the page cache of an abandoned load was not put back: {}", e.message);
        }
    }

    /// Ends the load: the positions are renumbered in number order if the pages were not in it.
    pub async fn finish(self, conn: &mut SqliteConnection) -> Result<()> {
        if !self.in_order {
            renumber(conn, self.owner, self.company).await?;
        }
        cache_size(conn, CACHE_KIB).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{NumberState, PaymentMethod};
    use crate::cache::number_window::window;
    use crate::cache::numbers::NumberFilter;
    use crate::cache::Cache;
    use crate::domain::Tiyn;
    use chrono::TimeZone;

    fn number(i: u32) -> NumberSummary {
        let at = Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).unwrap();
        NumberSummary {
            msisdn: format!("7701{i:07}"),
            account: format!("{}", 25_000_000 + i),
            tariff: "Kcell".into(),
            payment_method: PaymentMethod::Credit,
            state: NumberState::Active,
            state_changed_at: at,
            individual_limit: None,
            available_funds: Some(Tiyn(i64::from(i))),
            credit_limit: Tiyn(1_000),
            balance: Tiyn(i64::from(i)),
            debt: Tiyn(0),
            updated_at: at,
        }
    }

    async fn load(cache: &Cache, owner: &Owner, pages: &[Vec<NumberSummary>]) {
        let mut tx = cache.pool().begin().await.unwrap();
        let mut load = FullLoad::begin(&mut tx, owner, 1, Utc::now()).await.unwrap();
        for page in pages {
            load.write(&mut tx, page).await.unwrap();
        }
        load.finish(&mut tx).await.unwrap();
        tx.commit().await.unwrap();
        cache.search().invalidate(owner, 1);
    }

    async fn positions(cache: &Cache) -> Vec<(String, i64)> {
        sqlx::query_as("SELECT msisdn, position FROM numbers ORDER BY position").fetch_all(cache.pool()).await.unwrap()
    }

    #[test]
    fn a_page_goes_in_full_batches_then_a_few_statements_made_once() {
        for len in [0, 1, 7, 999, 1_000, 1_003, 4_999, 5_000] {
            let sizes: Vec<usize> = batches(len).collect();
            assert_eq!(sizes.iter().sum::<usize>(), len, "{len}");
            assert!(sizes.windows(2).all(|w| w[0] >= w[1]), "{len}: {sizes:?}");
            assert!(sizes.iter().filter(|&&s| s != BATCH).count() <= 10, "{len}: {sizes:?}");
            for size in sizes {
                assert!(size == BATCH || (size.is_power_of_two() && size < BATCH), "{len}: {size}");
                let values = batch_sql(size).matches("),(").count() + 1;
                assert_eq!(values, size, "the statement for {size} rows");
                assert!(batch_sql(size).ends_with(&format!("v.*,?{} FROM v", SHARED + size * COLUMNS)));
            }
        }
    }

    #[tokio::test]
    async fn pages_in_number_order_take_their_places_as_they_come_across_full_batches() {
        let cache = Cache::in_memory().await.unwrap();
        let owner = Owner::new("demo", "77010016515");
        // Pages larger and smaller than a batch, so full and partial statements both run.
        let all: Vec<NumberSummary> = (0..(BATCH as u32 * 2 + 7)).map(number).collect();
        let pages = vec![all[..BATCH + 3].to_vec(), all[BATCH + 3..BATCH + 10].to_vec(), all[BATCH + 10..].to_vec()];
        load(&cache, &owner, &pages).await;
        let got = positions(&cache).await;
        assert_eq!(got.len(), all.len());
        assert!(got.iter().enumerate().all(|(i, (m, p))| *p == i as i64 && *m == all[i].msisdn));
        let w = window(&cache, &owner, 1, &NumberFilter::default(), BATCH as i64, 2).await.unwrap();
        assert_eq!(w.rows, all[BATCH..BATCH + 2], "every field comes back as written");
    }

    #[tokio::test]
    async fn pages_out_of_number_order_are_renumbered_in_number_order() {
        let cache = Cache::in_memory().await.unwrap();
        let owner = Owner::new("demo", "77010016515");
        load(&cache, &owner, &[vec![number(5), number(6)], vec![number(1), number(9)], vec![number(3)]]).await;
        let got: Vec<i64> = positions(&cache).await.into_iter().map(|(m, _)| m[4..].parse().unwrap()).collect();
        assert_eq!(got, [1, 3, 5, 6, 9]);
        // A second load replaces the list whole.
        load(&cache, &owner, &[vec![number(2)]]).await;
        assert_eq!(positions(&cache).await, [("77010000002".to_string(), 0)]);
    }

    #[tokio::test]
    async fn a_list_cached_before_the_search_column_was_dropped_is_kept_and_loads_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cache.sqlite");
        let options = sqlx::sqlite::SqliteConnectOptions::new().filename(&path).create_if_missing(true);
        let old = sqlx::SqlitePool::connect_with(options).await.unwrap();
        let mut before =
            sqlx::migrate::Migrator::new(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations")))
                .await
                .unwrap();
        before.migrations = before.migrations.iter().filter(|m| m.version < 16).cloned().collect();
        before.run(&old).await.unwrap();
        sqlx::query(
            "INSERT INTO numbers (portal, admin_phone, company_id, msisdn, position, account, tariff, payment_method,
                 state, state_changed_at, credit_limit, balance, debt, updated_at, fetched_at, search)
             VALUES ('demo', '77010016515', 1, '77010000007', 0, '25000007', 'Kcell', 'credit', 'active',
                 '2026-01-01T09:00:00+00:00', 1000, 7, 0, '2026-01-01T09:00:00+00:00', '2026-01-01T09:00:00+00:00',
                 '77010000007 25000007 kcell active активен')",
        )
        .execute(&old)
        .await
        .unwrap();
        old.close().await;

        let cache = Cache::open(&path).await.unwrap();
        let owner = Owner::new("demo", "77010016515");
        let w = window(&cache, &owner, 1, &NumberFilter::default(), 0, 10).await.unwrap();
        assert_eq!(w.rows.len(), 1, "the cached list outlives the migration");
        assert_eq!(w.rows[0].balance, Tiyn(7));
        let text = |t: &str| NumberFilter { text: t.into(), ..Default::default() };
        let found = |t: &'static str| {
            let (cache, owner) = (&cache, &owner);
            async move { window(cache, owner, 1, &text(t), 0, 10).await.unwrap().total }
        };
        assert_eq!(found("активен").await, 1, "searched by the index, as before");
        load(&cache, &owner, &[vec![number(1), number(2)]]).await;
        assert_eq!(positions(&cache).await.len(), 2, "a full load writes the table without the column");
    }

    #[tokio::test]
    async fn the_page_cache_is_put_back_after_a_load_finished_or_abandoned() {
        let cache = Cache::in_memory().await.unwrap();
        let owner = Owner::new("demo", "77010016515");
        let size =
            || async { sqlx::query_scalar::<_, i64>("PRAGMA cache_size").fetch_one(cache.pool()).await.unwrap() };
        load(&cache, &owner, &[vec![number(1)]]).await;
        assert_eq!(size().await, -CACHE_KIB);
        let mut tx = cache.pool().begin().await.unwrap();
        let load = FullLoad::begin(&mut tx, &owner, 1, Utc::now()).await.unwrap();
        let during: i64 = sqlx::query_scalar("PRAGMA cache_size").fetch_one(&mut *tx).await.unwrap();
        assert_eq!(during, -LOAD_CACHE_KIB);
        load.abandon(&mut tx).await;
        drop(tx);
        assert_eq!(size().await, -CACHE_KIB);
    }
}
