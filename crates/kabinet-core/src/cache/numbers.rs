//! The `numbers` table: each company's numbers list.
//!
//! Writes keep the rows and their `position` (index in msisdn order) in step inside the
//! caller's transaction; the caller then tells the company's in-memory search index
//! ([`super::search::SearchIndex::invalidate`] after a full replace, or `rows_changed` with the
//! numbers written, which it applies without a rebuild).
//! Reads are windows: the UI never receives the whole table. Every row belongs to an [`Owner`]
//! (portal and administrator), and every read returns only that owner's rows.

pub use super::number_filter::{NumberFilter, NumberOrder, NumberWindow, SortColumn};
use super::summary_row::{summary_from_row, SummaryRow, SUMMARY_COLUMNS};
use super::Owner;
use crate::api::NumberSummary;
use crate::error::Result;
use chrono::{DateTime, Utc};
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

/// Rows per INSERT statement (17 binds each, far below SQLite's limit).
const BATCH: usize = 300;

/// The text the old scan searched, lower-cased (Cyrillic included): the search index makes the
/// same text from the columns (`search/text.rs`), and its tests compare the two. The cache stored
/// it in `numbers.search` until migration 0016.
#[cfg(test)]
pub(crate) fn search_text(n: &NumberSummary) -> String {
    format!("{} {} {} {}", n.msisdn, n.account, n.tariff, n.state.search_terms()).to_lowercase()
}

/// What an existing row takes from a newer copy of it: everything but its place in the list.
const UPDATE_ON_CONFLICT: &str = " ON CONFLICT (portal, admin_phone, company_id, msisdn) DO UPDATE SET
    account = excluded.account, tariff = excluded.tariff, payment_method = excluded.payment_method,
    state = excluded.state, state_changed_at = excluded.state_changed_at,
    individual_limit = excluded.individual_limit, available_funds = excluded.available_funds,
    credit_limit = excluded.credit_limit, balance = excluded.balance, debt = excluded.debt,
    updated_at = excluded.updated_at, fetched_at = excluded.fetched_at";

/// Where rows new to a company wait until [`renumber`] gives them their place.
const NEW_POSITION: i64 = i64::MAX / 2;

/// The start of an insert of numbers rows, its columns in the order every writer binds them
/// (the incremental upsert below and the full load, `number_load.rs`).
pub(super) const INSERT_NUMBERS: &str =
    "INSERT INTO numbers (portal, admin_phone, company_id, msisdn, position, account, \
    tariff, payment_method, state, state_changed_at, individual_limit, available_funds, credit_limit, balance, debt, \
    updated_at, fetched_at)";

async fn insert_rows(
    conn: &mut SqliteConnection,
    owner: &Owner,
    company: i64,
    rows: &[(i64, &NumberSummary)],
    fetched_at: &str,
) -> Result<()> {
    for chunk in rows.chunks(BATCH) {
        let mut q = QueryBuilder::<Sqlite>::new(format!("{INSERT_NUMBERS} "));
        q.push_values(chunk, |mut b, (position, n)| {
            b.push_bind(&owner.portal)
                .push_bind(&owner.admin)
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
                .push_bind(fetched_at);
        });
        q.push(UPDATE_ON_CONFLICT);
        q.build().execute(&mut *conn).await.map_err(crate::Error::cache)?;
    }
    Ok(())
}

/// Inserts or updates the given numbers (an incremental sync, or one number read again).
/// Existing rows are updated in place, so they keep their rowid and position and the search
/// index stays valid for them; positions are renumbered only when a number was new. Returns how
/// many numbers were new.
pub async fn upsert(
    conn: &mut SqliteConnection,
    owner: &Owner,
    company: i64,
    numbers: &[NumberSummary],
    fetched_at: DateTime<Utc>,
) -> Result<usize> {
    if numbers.is_empty() {
        return Ok(0);
    }
    let rows: Vec<(i64, &NumberSummary)> =
        numbers.iter().enumerate().map(|(i, n)| (NEW_POSITION + i as i64, n)).collect();
    insert_rows(conn, owner, company, &rows, &fetched_at.to_rfc3339()).await?;
    let new: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM numbers WHERE portal = ? AND admin_phone = ? AND company_id = ? AND position >= ?",
    )
    .bind(&owner.portal)
    .bind(&owner.admin)
    .bind(company)
    .bind(NEW_POSITION)
    .fetch_one(&mut *conn)
    .await
    .map_err(crate::Error::cache)?;
    if new > 0 {
        renumber(conn, owner, company).await?;
    }
    Ok(new as usize)
}

/// Sets `position` to each row's index in msisdn order.
pub(super) async fn renumber(conn: &mut SqliteConnection, owner: &Owner, company: i64) -> Result<()> {
    sqlx::query(
        "WITH ordered AS (SELECT rowid AS rid, ROW_NUMBER() OVER (ORDER BY msisdn) - 1 AS pos
                          FROM numbers WHERE portal = ?1 AND admin_phone = ?2 AND company_id = ?3)
         UPDATE numbers SET position = ordered.pos FROM ordered
         WHERE numbers.rowid = ordered.rid AND numbers.position <> ordered.pos",
    )
    .bind(&owner.portal)
    .bind(&owner.admin)
    .bind(company)
    .execute(&mut *conn)
    .await
    .map_err(crate::Error::cache)?;
    Ok(())
}

/// One cached number, with its company and fetch time.
pub async fn get(
    conn: &mut SqliteConnection,
    owner: &Owner,
    msisdn: &str,
) -> Result<Option<(i64, NumberSummary, DateTime<Utc>)>> {
    let row: Option<(i64, String)> = sqlx::query_as(
        "SELECT company_id, fetched_at FROM numbers WHERE portal = ? AND admin_phone = ? AND msisdn = ? LIMIT 1",
    )
    .bind(&owner.portal)
    .bind(&owner.admin)
    .bind(msisdn)
    .fetch_optional(&mut *conn)
    .await
    .map_err(crate::Error::cache)?;
    let Some((company, fetched_at)) = row else { return Ok(None) };
    let r: SummaryRow = sqlx::query_as(&format!(
        "SELECT {SUMMARY_COLUMNS} FROM numbers WHERE portal = ? AND admin_phone = ? AND company_id = ? AND msisdn = ?"
    ))
    .bind(&owner.portal)
    .bind(&owner.admin)
    .bind(company)
    .bind(msisdn)
    .fetch_one(&mut *conn)
    .await
    .map_err(crate::Error::cache)?;
    Ok(Some((company, summary_from_row(r)?, super::parse_time(&fetched_at))))
}

/// The company a cached number belongs to, if the number is cached.
pub async fn company_of(db: impl sqlx::SqliteExecutor<'_>, owner: &Owner, msisdn: &str) -> Result<Option<i64>> {
    sqlx::query_scalar("SELECT company_id FROM numbers WHERE portal = ? AND admin_phone = ? AND msisdn = ? LIMIT 1")
        .bind(&owner.portal)
        .bind(&owner.admin)
        .bind(msisdn)
        .fetch_optional(db)
        .await
        .map_err(crate::Error::cache)
}

/// The tariffs in a company's list, for the filter.
pub async fn tariffs(conn: &mut SqliteConnection, owner: &Owner, company: i64) -> Result<Vec<String>> {
    sqlx::query_scalar(
        "SELECT DISTINCT tariff FROM numbers WHERE portal = ? AND admin_phone = ? AND company_id = ? ORDER BY tariff",
    )
    .bind(&owner.portal)
    .bind(&owner.admin)
    .bind(company)
    .fetch_all(&mut *conn)
    .await
    .map_err(crate::Error::cache)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{NumberState, PaymentMethod};
    use crate::cache::number_load::replace_company;
    use crate::cache::number_window::{all, window};
    use crate::cache::Cache;
    use crate::domain::Tiyn;
    use chrono::TimeZone;

    /// The demo portal's first administrator.
    fn demo() -> Owner {
        Owner::new("demo", "77010016515")
    }

    fn number(msisdn: &str, tariff: &str, state: NumberState) -> NumberSummary {
        let at = Utc.with_ymd_and_hms(2020, 2, 18, 10, 3, 0).unwrap();
        NumberSummary {
            msisdn: msisdn.into(),
            account: format!("25{}", &msisdn[5..]),
            tariff: tariff.into(),
            payment_method: PaymentMethod::Credit,
            state,
            state_changed_at: at,
            individual_limit: None,
            available_funds: Some(Tiyn(44_600)),
            credit_limit: Tiyn(1_200_000),
            balance: Tiyn(847_690),
            debt: Tiyn(1_322_200),
            updated_at: at,
        }
    }

    async fn write(cache: &Cache, full: bool, rows: &mut [NumberSummary]) {
        let mut tx = cache.pool().begin().await.unwrap();
        if full {
            replace_company(&mut tx, &demo(), 1, rows, Utc::now()).await.unwrap();
        } else {
            upsert(&mut tx, &demo(), 1, rows, Utc::now()).await.unwrap();
        }
        tx.commit().await.unwrap();
        cache.search().invalidate(&demo(), 1);
    }

    fn msisdns(w: &NumberWindow) -> Vec<&str> {
        w.rows.iter().map(|n| n.msisdn.as_str()).collect()
    }

    #[tokio::test]
    async fn rows_round_trip_in_msisdn_order_with_every_field() {
        let cache = Cache::in_memory().await.unwrap();
        let mut rows = vec![
            number("77012115526", "Kcell", NumberState::Active),
            number("77010542006", "Business Class Junior", NumberState::Blocked),
            number("77010542007", "Корпоративный безлимит", NumberState::BlockedDebt),
        ];
        write(&cache, true, &mut rows.clone()).await;
        let w = window(&cache, &demo(), 1, &NumberFilter::default(), 0, 100).await.unwrap();
        assert_eq!(w.total, 3);
        assert_eq!(msisdns(&w), ["77010542006", "77010542007", "77012115526"]);
        rows.sort_by(|a, b| a.msisdn.cmp(&b.msisdn));
        assert_eq!(w.rows, rows, "every field, money in tiyn and times, comes back as written");
        let mut conn = cache.pool().acquire().await.unwrap();
        let (company, got, _) = get(&mut conn, &demo(), "77010542007").await.unwrap().unwrap();
        assert_eq!((company, got.tariff.as_str()), (1, "Корпоративный безлимит"));
        assert_eq!(
            tariffs(&mut conn, &demo(), 1).await.unwrap(),
            ["Business Class Junior", "Kcell", "Корпоративный безлимит"]
        );
        assert!(
            get(&mut conn, &Owner::new("other-portal", "77010016515"), "77010542007").await.unwrap().is_none(),
            "portals never mix"
        );
    }

    #[tokio::test]
    async fn upsert_updates_in_place_and_renumbers_for_new_numbers() {
        let cache = Cache::in_memory().await.unwrap();
        let mut first: Vec<_> =
            (0..5).map(|i| number(&format!("7701000000{}", i * 2), "Kcell", NumberState::Active)).collect();
        write(&cache, true, &mut first).await;
        let mut changed = vec![
            number("77010000004", "Kcell", NumberState::Blocked),
            number("77010000003", "Kcell", NumberState::Active),
        ];
        write(&cache, false, &mut changed).await;
        let w = window(&cache, &demo(), 1, &NumberFilter::default(), 0, 100).await.unwrap();
        assert_eq!(
            msisdns(&w),
            ["77010000000", "77010000002", "77010000003", "77010000004", "77010000006", "77010000008"]
        );
        assert_eq!(w.rows[3].state, NumberState::Blocked);
        // Windows are position ranges: the second window starts where the first ended.
        let second = window(&cache, &demo(), 1, &NumberFilter::default(), 4, 2).await.unwrap();
        assert_eq!((second.total, msisdns(&second)), (6, vec!["77010000006", "77010000008"]));
        let filtered = window(
            &cache,
            &demo(),
            1,
            &NumberFilter { state: Some(NumberState::Blocked), ..Default::default() },
            0,
            10,
        )
        .await
        .unwrap();
        assert_eq!(msisdns(&filtered), ["77010000004"], "the search index saw the upsert");
    }

    #[tokio::test]
    async fn a_full_replace_drops_numbers_the_portal_no_longer_lists() {
        let cache = Cache::in_memory().await.unwrap();
        write(&cache, true, &mut [number("77010000001", "Kcell", NumberState::Active)]).await;
        write(&cache, true, &mut [number("77010000002", "Kcell", NumberState::Active)]).await;
        let w = window(&cache, &demo(), 1, &NumberFilter::default(), 0, 10).await.unwrap();
        assert_eq!(msisdns(&w), ["77010000002"]);
    }

    #[tokio::test]
    async fn sorted_by_a_column_with_ties_by_number_filtered_or_not() {
        let cache = Cache::in_memory().await.unwrap();
        let mut rows = Vec::new();
        for (msisdn, balance, funds) in [
            ("77010000001", 500, Some(10)),
            ("77010000002", 100, None),
            ("77010000003", 900, Some(30)),
            ("77010000004", 100, Some(20)),
        ] {
            let mut n = number(msisdn, "Kcell", NumberState::Active);
            n.balance = Tiyn(balance);
            n.available_funds = funds.map(Tiyn);
            rows.push(n);
        }
        rows[2].state = NumberState::Blocked;
        write(&cache, true, &mut rows).await;
        let sorted = |column, descending, text: &str| NumberFilter {
            text: text.into(),
            order: NumberOrder { column, descending },
            ..Default::default()
        };
        let ids = |w: NumberWindow| w.rows.into_iter().map(|n| n.msisdn[9..].to_string()).collect::<Vec<_>>();

        let by_balance = window(&cache, &demo(), 1, &sorted(SortColumn::Balance, false, ""), 0, 10).await.unwrap();
        assert_eq!(ids(by_balance), ["02", "04", "01", "03"], "ties by number");
        let desc = window(&cache, &demo(), 1, &sorted(SortColumn::Balance, true, ""), 0, 10).await.unwrap();
        assert_eq!(ids(desc), ["03", "01", "02", "04"], "descending, ties still by number");
        let funds = window(&cache, &demo(), 1, &sorted(SortColumn::AvailableFunds, false, ""), 0, 10).await.unwrap();
        assert_eq!(ids(funds), ["02", "01", "04", "03"], "no individual limit sorts first");
        let second = window(&cache, &demo(), 1, &sorted(SortColumn::Balance, true, ""), 1, 2).await.unwrap();
        assert_eq!((second.total, ids(second)), (4, vec!["01".to_string(), "02".to_string()]));
        let mut filtered = sorted(SortColumn::Balance, true, "");
        filtered.state = Some(NumberState::Active);
        assert_eq!(ids(window(&cache, &demo(), 1, &filtered, 0, 10).await.unwrap()), ["01", "02", "04"]);
        let by_state = window(&cache, &demo(), 1, &sorted(SortColumn::State, true, "7701"), 0, 10).await.unwrap();
        assert_eq!(ids(by_state), ["03", "01", "02", "04"]);
        // Exports follow the order on screen.
        let exported = all(&cache, &demo(), 1, &sorted(SortColumn::Balance, false, "")).await.unwrap();
        assert_eq!(exported.iter().map(|n| &n.msisdn[9..]).collect::<Vec<_>>(), ["02", "04", "01", "03"]);

        // A write drops the kept order with the index: the new balance sorts where it belongs.
        write(
            &cache,
            false,
            &mut [{
                let mut n = rows[3].clone();
                n.balance = Tiyn(1_000);
                n
            }],
        )
        .await;
        let after = window(&cache, &demo(), 1, &sorted(SortColumn::Balance, true, ""), 0, 10).await.unwrap();
        assert_eq!(ids(after), ["04", "03", "01", "02"]);
    }

    #[tokio::test]
    async fn search_finds_rows_whose_text_holds_the_index_separators() {
        let cache = Cache::in_memory().await.unwrap();
        let odd = "Odd\u{1e}tariff\u{1f},name";
        let mut rows = vec![
            number("77010000001", "Kcell", NumberState::Active),
            number("77010000002", odd, NumberState::Blocked),
            number("77010000003", "Kcell", NumberState::Active),
        ];
        write(&cache, true, &mut rows).await;
        let found = window(&cache, &demo(), 1, &NumberFilter { text: "ODD".into(), ..Default::default() }, 0, 10)
            .await
            .unwrap();
        assert_eq!(msisdns(&found), ["77010000002"]);
        let by_tariff =
            window(&cache, &demo(), 1, &NumberFilter { tariff: Some(odd.into()), ..Default::default() }, 0, 10)
                .await
                .unwrap();
        assert_eq!(msisdns(&by_tariff), ["77010000002"]);
        let kcell = window(&cache, &demo(), 1, &NumberFilter { text: "kcell".into(), ..Default::default() }, 0, 10)
            .await
            .unwrap();
        assert_eq!(msisdns(&kcell), ["77010000001", "77010000003"]);
    }

    #[tokio::test]
    async fn an_update_keeps_rowid_and_position_and_only_new_numbers_renumber() {
        let cache = Cache::in_memory().await.unwrap();
        let mut rows: Vec<_> =
            (1..=3).map(|i| number(&format!("7701000000{i}"), "Kcell", NumberState::Active)).collect();
        write(&cache, true, &mut rows).await;
        let place = |msisdn: &'static str| {
            let pool = cache.pool().clone();
            async move {
                sqlx::query_as::<_, (i64, i64)>("SELECT rowid, position FROM numbers WHERE msisdn = ?")
                    .bind(msisdn)
                    .fetch_one(&pool)
                    .await
                    .unwrap()
            }
        };
        let before = place("77010000002").await;
        let mut changed = rows[1].clone();
        changed.balance = Tiyn(1);
        let mut tx = cache.pool().begin().await.unwrap();
        assert_eq!(upsert(&mut tx, &demo(), 1, &[changed], Utc::now()).await.unwrap(), 0, "nothing new");
        tx.commit().await.unwrap();
        assert_eq!(place("77010000002").await, before, "updated in place");

        let mut tx = cache.pool().begin().await.unwrap();
        let fresh = number("77010000000", "Kcell", NumberState::Active);
        assert_eq!(upsert(&mut tx, &demo(), 1, &[fresh], Utc::now()).await.unwrap(), 1);
        tx.commit().await.unwrap();
        assert_eq!(place("77010000000").await.1, 0, "a new number takes its place in msisdn order");
        assert_eq!(place("77010000002").await, (before.0, before.1 + 1), "same row, one place down");
    }

    #[tokio::test]
    async fn a_change_search_does_not_see_keeps_the_index_and_re_sorts() {
        let cache = Cache::in_memory().await.unwrap();
        let mut rows: Vec<_> =
            (1..=3).map(|i| number(&format!("7701000000{i}"), "Kcell", NumberState::Active)).collect();
        for (i, n) in rows.iter_mut().enumerate() {
            n.balance = Tiyn(100 * (i as i64 + 1));
        }
        write(&cache, true, &mut rows).await;
        let by_balance = NumberFilter {
            text: "kcell".into(),
            order: NumberOrder { column: SortColumn::Balance, descending: true },
            ..Default::default()
        };
        let first = window(&cache, &demo(), 1, &by_balance, 0, 10).await.unwrap();
        assert_eq!(msisdns(&first), ["77010000003", "77010000002", "77010000001"]);

        let mut richer = rows[0].clone();
        richer.balance = Tiyn(1_000);
        assert_eq!(search_text(&richer), search_text(&rows[0]));
        let mut tx = cache.pool().begin().await.unwrap();
        upsert(&mut tx, &demo(), 1, &[richer], Utc::now()).await.unwrap();
        tx.commit().await.unwrap();
        cache.search().rows_changed(cache.pool(), &demo(), 1, &["77010000001"]).await;
        let after = window(&cache, &demo(), 1, &by_balance, 0, 10).await.unwrap();
        assert_eq!(msisdns(&after), ["77010000001", "77010000003", "77010000002"]);
        assert_eq!(after.rows[0].balance, Tiyn(1_000), "rows are read fresh through the kept index");
    }

    #[tokio::test]
    async fn another_administrator_reads_none_of_these_rows() {
        let cache = Cache::in_memory().await.unwrap();
        write(&cache, true, &mut [number("77010000001", "Kcell", NumberState::Active)]).await;
        let other = Owner::new("demo", "77071234567");
        let mut tx = cache.pool().begin().await.unwrap();
        replace_company(&mut tx, &other, 1, &mut [number("77010000002", "Tele2", NumberState::Blocked)], Utc::now())
            .await
            .unwrap();
        tx.commit().await.unwrap();
        cache.search().invalidate(&other, 1);

        let plain = window(&cache, &other, 1, &NumberFilter::default(), 0, 10).await.unwrap();
        assert_eq!(msisdns(&plain), ["77010000002"]);
        let searched = window(&cache, &other, 1, &NumberFilter { text: "7701".into(), ..Default::default() }, 0, 10)
            .await
            .unwrap();
        assert_eq!(msisdns(&searched), ["77010000002"], "the search index is per administrator");
        let sorted =
            NumberFilter { order: NumberOrder { column: SortColumn::Balance, descending: true }, ..Default::default() };
        assert_eq!(msisdns(&window(&cache, &other, 1, &sorted, 0, 10).await.unwrap()), ["77010000002"]);
        assert_eq!(all(&cache, &other, 1, &NumberFilter::default()).await.unwrap().len(), 1);
        let mut conn = cache.pool().acquire().await.unwrap();
        assert!(get(&mut conn, &other, "77010000001").await.unwrap().is_none());
        assert_eq!(tariffs(&mut conn, &other, 1).await.unwrap(), ["Tele2"]);
        drop(conn);
        // The first administrator's rows are untouched by the other's full replace.
        let mine = window(&cache, &demo(), 1, &NumberFilter { text: "7701".into(), ..Default::default() }, 0, 10)
            .await
            .unwrap();
        assert_eq!(msisdns(&mine), ["77010000001"]);
    }
}
