//! The index against the scan it replaced (kept here as the reference): the same rows, the
//! same queries, the same rowids in the same order. A property test draws rows whose numbers
//! and accounts share most of their digits, tariffs and labels in several scripts and cases,
//! and queries of every form the list accepts, then changes, adds and removes rows through the
//! overlay and compares again.

use super::company::CompanyIndex;
use super::needle;
use super::text::{IndexRow, LabelRef};
use crate::api::{NumberState, NumberSummary, PaymentMethod};
use crate::cache::numbers::search_text;
use crate::domain::Tiyn;
use proptest::prelude::*;
use std::collections::HashSet;

/// A row the tests own.
#[derive(Debug, Clone)]
struct Row {
    rowid: i64,
    msisdn: String,
    account: String,
    tariff: String,
    state: String,
    label: Option<(String, String)>,
}

impl Row {
    fn as_row(&self) -> IndexRow<'_> {
        IndexRow {
            rowid: self.rowid,
            msisdn: &self.msisdn,
            account: &self.account,
            tariff: &self.tariff,
            state: &self.state,
            payment: "credit",
            funds: None,
            balance: 0,
            label: self.label.as_ref().map(|(employee, search)| LabelRef {
                employee,
                department: "",
                cost_centre: "",
                search,
            }),
        }
    }

    /// The text the cache stores (`search_text`) and the label's, as the scan searched them.
    fn text(&self) -> String {
        let at = chrono::DateTime::UNIX_EPOCH;
        let summary = NumberSummary {
            msisdn: self.msisdn.clone(),
            account: self.account.clone(),
            tariff: self.tariff.clone(),
            payment_method: PaymentMethod::Credit,
            state: NumberState::from_wire(&self.state),
            state_changed_at: at,
            individual_limit: None,
            available_funds: None,
            credit_limit: Tiyn(0),
            balance: Tiyn(0),
            debt: Tiyn(0),
            updated_at: at,
        };
        let mut text = search_text(&summary);
        if let Some((_, search)) = &self.label {
            text.push(' ');
            text.push_str(search);
        }
        text
    }
}

/// What the list asks: text, state, tariff, and the rowids a label filter let through.
#[derive(Debug, Clone, Default)]
struct Query {
    text: String,
    state: Option<NumberState>,
    tariff: Option<String>,
    labelled: Option<HashSet<i64>>,
}

/// The scan the index replaced: one haystack of lines, searched with memchr; after a hit the
/// search goes on from the next row. `rows` in list order.
fn scan(rows: &[Row], q: &Query) -> Vec<i64> {
    let mut haystack = String::new();
    let mut starts = Vec::new();
    for row in rows {
        starts.push(haystack.len());
        haystack.push_str(&row.text());
        haystack.push('\n');
    }
    let keep = |r: usize| {
        q.state.as_ref().is_none_or(|s| NumberState::from_wire(&rows[r].state) == *s)
            && q.tariff.as_ref().is_none_or(|t| rows[r].tariff == *t)
            && q.labelled.as_ref().is_none_or(|set| set.contains(&rows[r].rowid))
    };
    let needle = needle(&q.text);
    if needle.contains('\n') {
        return Vec::new();
    }
    if needle.is_empty() {
        return (0..rows.len()).filter(|&r| keep(r)).map(|r| rows[r].rowid).collect();
    }
    let finder = memchr::memmem::Finder::new(needle.as_bytes());
    let hay = haystack.as_bytes();
    let mut out = Vec::new();
    let (mut pos, mut row) = (0, 0);
    while let Some(found) = finder.find(&hay[pos..]) {
        let at = pos + found;
        while row + 1 < rows.len() && starts[row + 1] <= at {
            row += 1;
        }
        if keep(row) {
            out.push(rows[row].rowid);
        }
        if row + 1 == rows.len() {
            break;
        }
        pos = starts[row + 1];
    }
    out
}

fn search(index: &CompanyIndex, q: &Query) -> Vec<i64> {
    let bits = index.matching(&needle(&q.text), q.state.as_ref(), q.tariff.as_deref(), q.labelled.as_ref());
    index.rowids(&bits, None)
}

fn build(rows: &[Row]) -> CompanyIndex {
    let rows: Vec<IndexRow<'_>> = rows.iter().map(Row::as_row).collect();
    CompanyIndex::build(&rows)
}

fn row(rowid: i64, msisdn: &str, account: &str, tariff: &str, state: &str) -> Row {
    Row {
        rowid,
        msisdn: msisdn.into(),
        account: account.into(),
        tariff: tariff.into(),
        state: state.into(),
        label: None,
    }
}

#[test]
fn a_number_typed_as_the_list_shows_it_is_found() {
    let rows = [
        row(1, "77010542007", "100200", "Business Class Junior", "active"),
        row(2, "77012115526", "100201", "Корпоративный безлимит", "active"),
    ];
    let index = build(&rows);
    let find = |text: &str| search(&index, &Query { text: text.into(), ..Default::default() });
    for query in ["+7 701 211 55 26", "+77012115526", "87012115526", "701 211 55 26", "+7 (701) 211-55-26", "211-55-26"]
    {
        assert_eq!(find(query), vec![2], "{query:?}");
    }
    // Text stays text search, in any case, across the account into the tariff too.
    assert_eq!(find("КОРПОРАТИВНЫЙ"), vec![2]);
    assert_eq!(find("0542"), vec![1]);
    assert_eq!(find("100201 корп"), vec![2]);
    assert_eq!(find("0 b"), vec![1]);
    assert_eq!(find(" б"), vec![2]);
    assert_eq!(find("junior active"), vec![1]);
    assert_eq!(find("active"), vec![1, 2]);
    assert_eq!(find("zz"), Vec::<i64>::new());
    // The list trims what is typed, but the index takes any needle: one that starts with the
    // head's last space runs into the tail.
    let raw = |needle: &str| index.rowids(&index.matching(needle, None, None, None), None);
    assert_eq!(raw(" б"), vec![2]);
    assert_eq!(raw(" b"), vec![1]);
    assert_eq!(raw("6 "), vec![2]);
}

#[test]
fn a_trigram_every_number_holds_finds_every_row_its_filters_let_through() {
    let tariffs = ["Kcell", "Business Class Junior", "Kcell Plus"];
    let states = ["active", "blocked", "blocked_debt"];
    let rows: Vec<Row> = (0..200)
        .map(|i| {
            row(
                i,
                &format!("7778{:07}", i * 7),
                &format!("2890{}", i % 9),
                tariffs[i as usize % 3],
                states[i as usize % 4 % 3],
            )
        })
        .collect();
    let index = build(&rows);
    for (text, state, tariff) in [
        ("778", None, Some("Kcell")),
        ("778", Some(NumberState::Blocked), None),
        ("777", None, None),
        ("778", Some(NumberState::Active), Some("Kcell Plus")),
        ("789", None, Some("Kcell")),
    ] {
        let q = Query { text: text.into(), state, tariff: tariff.map(String::from), labelled: None };
        let found = search(&index, &q);
        assert_eq!(found, scan(&rows, &q), "{q:?}");
        assert!(!found.is_empty() || text == "789", "{q:?}");
    }
    // A row an incremental sync moved to another tariff is found by its new one only.
    let mut changed = build(&rows);
    let mut moved = rows[3].clone();
    moved.tariff = "Business Class Junior".into();
    changed.overlay = changed.overlay.apply(&changed.base, &[&moved.msisdn], &[moved.as_row()]).expect("one row");
    let mut after = rows.clone();
    after[3] = moved;
    let q = Query { text: "778".into(), tariff: Some("Kcell".into()), ..Default::default() };
    assert_eq!(search(&changed, &q), scan(&after, &q));
}

/// Digits from a few, so numbers and accounts share most trigrams, as real lists do.
fn digits(len: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(prop::sample::select(vec!['0', '1', '2', '7']), len).prop_map(|d| d.into_iter().collect())
}

fn text_part() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "Kcell",
        "Business Class Junior",
        "Корпоративный безлимит",
        "ΟΔΟΣ Σ",
        "odd\u{1e}tariff\u{1f},x",
        "a  b",
        "7701 20",
        "",
        "Ünïcode İ",
        "line\nbreak",
    ])
    .prop_map(str::to_string)
}

fn rows_strategy() -> impl Strategy<Value = Vec<Row>> {
    let one = (
        digits(9),
        prop_oneof![digits(6), text_part(), Just("AC-7 01".to_string())],
        text_part(),
        prop::sample::select(vec!["active", "blocked", "in_process", "blocked_debt", "Заморожен"]),
        prop::option::weighted(0.3, (text_part(), text_part().prop_map(|s| s.to_lowercase()))),
    );
    proptest::collection::vec(one, 0..60).prop_map(|drawn| {
        let mut rows: Vec<Row> = drawn
            .into_iter()
            .enumerate()
            .map(|(i, (d, account, tariff, state, label))| Row {
                rowid: 1000 + i as i64,
                msisdn: format!("77{d}"),
                account,
                tariff,
                state: state.into(),
                label,
            })
            .collect();
        rows.sort_by(|a, b| a.msisdn.cmp(&b.msisdn));
        rows.dedup_by(|a, b| a.msisdn == b.msisdn);
        rows
    })
}

/// A query drawn from the rows (a piece of one's text, its number written another way) or
/// from nothing, in another case, with filters.
fn query(rows: &[Row], pick: usize, from: usize, len: usize, form: u8, filters: u8) -> Query {
    let source = rows.get(pick % rows.len().max(1));
    let mut text = match (source, form % 8) {
        (Some(r), 0) => {
            let chars: Vec<char> = r.text().chars().collect();
            let from = from % (chars.len() + 1);
            chars[from..(from + len).min(chars.len())].iter().collect()
        }
        (Some(r), 1) => format!("+7 {} {} {}", &r.msisdn[1..4], &r.msisdn[4..7], &r.msisdn[7..]),
        (Some(r), 2) => format!("8{}", &r.msisdn[1..1 + len.min(10)]),
        (Some(r), 3) => r.text().chars().skip(from % 40).take(len % 3).collect(),
        (_, 4) => ["7", "72", "0 ", " к", "σ", "ς", "\n", "  "][from % 8].to_string(),
        (Some(r), 5) => r.tariff.to_uppercase(),
        // Across the head's last space into the tail, one character each side at most.
        (Some(r), 6) => format!(" {}", r.tariff.chars().next().unwrap_or('x')).chars().take(1 + len % 2).collect(),
        _ => ["blocked", "АКТИВЕН", "debt ", " in process", "1 b", "ss", "i̇"][from % 7].to_string(),
    };
    if form & 16 != 0 {
        text = format!("  {}", text.to_uppercase());
    }
    Query {
        text,
        state: (filters & 1 != 0).then(|| NumberState::from_wire(["active", "blocked_debt", "Заморожен"][from % 3])),
        tariff: (filters & 2 != 0).then(|| source.map_or("Kcell".to_string(), |r| r.tariff.clone())),
        labelled: (filters & 4 != 0).then(|| rows.iter().map(|r| r.rowid).filter(|id| id % 3 != 0).collect()),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 160, ..ProptestConfig::default() })]

    #[test]
    fn the_index_finds_what_the_scan_finds(
        rows in rows_strategy(),
        queries in proptest::collection::vec((0usize..100, 0usize..100, 0usize..12, 0u8..32, 0u8..8), 1..25),
        changes in proptest::collection::vec((0usize..100, 0u8..3), 0..8),
        added in rows_strategy(),
    ) {
        let index = build(&rows);
        for &(pick, from, len, form, filters) in &queries {
            let q = query(&rows, pick, from, len, form, filters);
            prop_assert_eq!(search(&index, &q), scan(&rows, &q), "query {:?}", q);
        }
        // An incremental sync: rows changed in place (same rowid), removed, and new.
        let mut now = rows.clone();
        let mut changed: Vec<String> = Vec::new();
        for &(pick, what) in &changes {
            if now.is_empty() {
                break;
            }
            let i = pick % now.len();
            changed.push(now[i].msisdn.clone());
            match what {
                0 => { now.remove(i); }
                1 => now[i].tariff = "Новый Tariff".into(),
                _ => now[i].account = format!("{}9", now[i].account),
            }
        }
        for (k, mut fresh) in added.into_iter().take(5).enumerate() {
            if now.iter().all(|r| r.msisdn != fresh.msisdn) {
                fresh.rowid = 5000 + k as i64;
                changed.push(fresh.msisdn.clone());
                now.push(fresh);
            }
        }
        now.sort_by(|a, b| a.msisdn.cmp(&b.msisdn));
        let written: Vec<&Row> = now.iter().filter(|r| changed.contains(&r.msisdn)).collect();
        let written: Vec<IndexRow<'_>> = written.into_iter().map(Row::as_row).collect();
        let msisdns: Vec<&str> = changed.iter().map(String::as_str).collect();
        let overlay = index.overlay.apply(&index.base, &msisdns, &written).expect("few changes");
        let applied = CompanyIndex { base: index.base.clone(), overlay };
        for &(pick, from, len, form, filters) in &queries {
            let q = query(&now, pick, from, len, form, filters);
            prop_assert_eq!(search(&applied, &q), scan(&now, &q), "after changes, query {:?}", q);
        }
    }
}

/// One row of the sort test: number, account, tariff, state, payment, funds, balance and
/// (employee, department, cost centre) of its label, if any.
type Drawn = (String, String, String, String, String, Option<i64>, i64, Option<(String, String, String)>);

fn sortable_rows() -> impl Strategy<Value = Vec<Drawn>> {
    let text =
        || prop::sample::select(vec!["", "a", "B", "b", "Sales", "sales", "Отдел", "z9", "ä"]).prop_map(String::from);
    let one = (
        digits(9),
        text(),
        text(),
        prop::sample::select(vec!["active", "blocked", "blocked_debt", "x"]).prop_map(String::from),
        prop::sample::select(vec!["credit", "advance"]).prop_map(String::from),
        prop::option::of(-2i64..3),
        -2i64..3,
        prop::option::weighted(0.6, (text(), text(), text())),
    );
    proptest::collection::vec(one.prop_map(|(d, a, t, s, p, f, b, l)| (format!("77{d}"), a, t, s, p, f, b, l)), 0..40)
        .prop_map(|mut rows| {
            rows.sort_by(|a, b| a.0.cmp(&b.0));
            rows.dedup_by(|a, b| a.0 == b.0);
            rows
        })
}

/// Every column, both ways, as SQLite orders it (`SortColumn::order_by`) and as the index does,
/// before and after an incremental write of some rows' money and tariff. The index is read in
/// two halves on two connections from a cache on disk, and whole from one in memory (one
/// connection), so this compares both reads with SQL.
async fn compare_orders(drawn: Vec<Drawn>, cache: crate::cache::Cache) {
    use crate::cache::number_filter::{NumberOrder, SortColumn};
    use crate::cache::{labels, numbers, Owner};
    use crate::number_label::{CostCentre, Label};
    let owner = Owner::new("demo", "77010016515");
    let summary = |(m, a, t, s, p, f, b, _): &Drawn| NumberSummary {
        msisdn: m.clone(),
        account: a.clone(),
        tariff: t.clone(),
        payment_method: PaymentMethod::from_wire(p),
        state: NumberState::from_wire(s),
        state_changed_at: chrono::DateTime::UNIX_EPOCH,
        individual_limit: None,
        available_funds: f.map(Tiyn),
        credit_limit: Tiyn(0),
        balance: Tiyn(*b),
        debt: Tiyn(0),
        updated_at: chrono::DateTime::UNIX_EPOCH,
    };
    let mut list: Vec<NumberSummary> = drawn.iter().map(summary).collect();
    let mut tx = cache.pool().begin().await.expect("tx");
    crate::cache::number_load::replace_company(&mut tx, &owner, 1, &mut list, chrono::Utc::now())
        .await
        .expect("replace");
    for (m, .., label) in &drawn {
        if let Some((employee, department, code)) = label {
            let label = Label {
                employee: employee.clone(),
                department: department.clone(),
                cost_centre: CostCentre { code: code.clone(), name: String::new() },
                tags: vec!["t".into()],
            };
            labels::put(&mut tx, &owner, 1, m, &label, chrono::Utc::now()).await.expect("label");
        }
    }
    tx.commit().await.expect("commit");
    let columns = [
        SortColumn::Number,
        SortColumn::Account,
        SortColumn::Tariff,
        SortColumn::PaymentMethod,
        SortColumn::State,
        SortColumn::AvailableFunds,
        SortColumn::Balance,
        SortColumn::Employee,
        SortColumn::Department,
        SortColumn::CostCentre,
    ];
    for round in 0..2 {
        for column in columns {
            for descending in [false, true] {
                let order = NumberOrder { column, descending };
                let sql: Vec<String> = sqlx::query_scalar(&format!(
                    "SELECT n.msisdn FROM numbers n LEFT JOIN number_labels l ON l.portal = n.portal
                         AND l.admin_phone = n.admin_phone AND l.company_id = n.company_id AND l.msisdn = n.msisdn
                     WHERE n.company_id = 1 ORDER BY {}",
                    column.order_by(descending)
                ))
                .fetch_all(cache.pool())
                .await
                .expect("sql order");
                let filter = numbers::NumberFilter { order, ..Default::default() };
                let index = crate::cache::number_window::all(&cache, &owner, 1, &filter).await.expect("index order");
                let index: Vec<String> = index.into_iter().map(|n| n.msisdn).collect();
                assert_eq!(index, sql, "round {round}, {order:?}");
            }
        }
        // An incremental write: money and tariff of every third row, applied to the index.
        let changed: Vec<NumberSummary> = list
            .iter()
            .step_by(3)
            .map(|n| NumberSummary { balance: Tiyn(n.balance.0 - 1), tariff: "b".into(), ..n.clone() })
            .collect();
        let mut tx = cache.pool().begin().await.expect("tx");
        numbers::upsert(&mut tx, &owner, 1, &changed, chrono::Utc::now()).await.expect("upsert");
        tx.commit().await.expect("commit");
        let msisdns: Vec<&str> = changed.iter().map(|n| n.msisdn.as_str()).collect();
        cache.search().rows_changed(cache.pool(), &owner, 1, &msisdns).await;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn the_index_sorts_as_sqlite_does(drawn in sortable_rows()) {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
        runtime.block_on(async {
            compare_orders(drawn.clone(), crate::cache::Cache::in_memory().await.expect("cache")).await;
            let dir = tempfile::tempdir().expect("dir");
            compare_orders(drawn, crate::cache::Cache::open(&dir.path().join("cache.db")).await.expect("cache")).await;
        });
    }
}

/// A build whose own connection to the cache file cannot be opened reads the rows through the
/// pool's connection instead: the search answers, and answers the same.
#[tokio::test]
async fn an_index_that_cannot_open_the_file_reads_through_the_pool() {
    use crate::cache::{numbers::NumberFilter, Cache, Owner};
    let dir = tempfile::tempdir().expect("dir");
    let cache = Cache::open(&dir.path().join("cache.db")).await.expect("cache");
    let owner = Owner::new("demo", "77010016515");
    let mut list: Vec<NumberSummary> = (0..5)
        .map(|i| NumberSummary {
            msisdn: format!("7701000000{i}"),
            account: format!("2506083{i}"),
            tariff: "Business".into(),
            payment_method: PaymentMethod::Credit,
            state: NumberState::Active,
            state_changed_at: chrono::DateTime::UNIX_EPOCH,
            individual_limit: None,
            available_funds: None,
            credit_limit: Tiyn(0),
            balance: Tiyn(i),
            debt: Tiyn(0),
            updated_at: chrono::DateTime::UNIX_EPOCH,
        })
        .collect();
    let mut tx = cache.pool().begin().await.expect("tx");
    crate::cache::number_load::replace_company(&mut tx, &owner, 1, &mut list, chrono::Utc::now()).await.expect("rows");
    tx.commit().await.expect("commit");
    let filter = NumberFilter { text: "25060833".into(), ..NumberFilter::default() };
    let mut conn = cache.pool().acquire().await.expect("connection");
    let from_file = cache.search().matches(&mut conn, &owner, 1, &filter).await.expect("read from the file");
    let elsewhere = super::SearchIndex::on_file(&dir.path().join("moved").join("cache.db"));
    let through_pool = elsewhere.matches(&mut conn, &owner, 1, &filter).await.expect("read through the pool");
    assert_eq!(from_file.len(), 1);
    assert_eq!(through_pool, from_file);
}
