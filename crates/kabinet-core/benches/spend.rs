//! `cargo bench --workspace --locked --bench spend`: Spend at scale (issue 17, part 4). A sandbox
//! with 100,000 numbers in one company is synced into a cache on disk, 12 months of charges are
//! written into it as a fetch writes them (1.2M number-months, each by service), and 100,000 labels
//! (cost centre, department, employee, tags) are imported from an XLSX; then:
//!
//! - `spend_aggregates_ms`: every figure of the Spend area from the cache (`Spend::overview`:
//!   by month, cost centre, department, tariff, service, the top numbers) (target ≤ 200);
//!   `spend_aggregates_first_ms`: the first one after the labels import, which adds up the
//!   views by dimension and keeps them;
//! - `spend_chart_view_ms`: one chart's data (spend by cost centre, stacked by month) (≤ 50);
//! - `change_detection_ms`: after a full sync, the company's rows as they were read, compared
//!   with the list written (1% of the numbers changed) and the changes kept (≤ 150);
//! - `labels_import_xlsx_ms`: 100,000 labels from XLSX, previewed then applied (≤ 2000);
//! - `chargeback_xlsx_ms`: the chargeback of 12 months as XLSX in the library (≤ 1500).
//!
//! Each figure is the median of a few runs after a warm-up (the labels import: one run, the
//! preview and the apply also printed apart). Prints `name=value`; asserts
//! nothing. `KABINET_BENCH_NUMBERS` changes the size (default 100000); `KABINET_BENCH_NO_CHARGES=1`
//! writes no charges and measures only the labels import and change detection (a run of seconds
//! instead of minutes, for `perf record` and A/B runs).

use chrono::Utc;
use kabinet_core::account::Account;
use kabinet_core::api::{ChargeService, MonthCharges, NumberCharges, NumberState, NumberSummary, ServiceCharge};
use kabinet_core::cache::changes as kept_changes;
use kabinet_core::cache::charges as cached_charges;
use kabinet_core::cache::numbers::NumberFilter;
use kabinet_core::cache::{Cache, Owner};
use kabinet_core::changes::detect::{self, Rules};
use kabinet_core::client::PortalClient;
use kabinet_core::domain::Tiyn;
use kabinet_core::rules::charges_period;
use kabinet_core::rules::document_months::YearMonth;
use kabinet_core::secrets::Vault;
use kabinet_core::settings::Language;
use kabinet_core::spend::aggregate::{Basis, Dimension};
use kabinet_documents::{Cell, Column, ColumnKind, Table, Title};
use portal_sandbox::{Config, Seed, DEMO_LOGIN_PASSWORD, DEMO_LOGIN_PHONE};
use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The large company of `Seed::Large`.
const COMPANY: i64 = 4;

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}

/// The median of `runs` timed runs of `f`, after one untimed when there are several.
async fn median<F, Fut>(runs: usize, mut f: F) -> Duration
where
    F: FnMut() -> Fut,
    Fut: Future<Output = ()>,
{
    if runs > 1 {
        f().await;
    }
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        f().await;
        times.push(t.elapsed());
    }
    times.sort();
    times[times.len() / 2]
}

/// A labels workbook for `numbers`: 40 cost centres, 12 departments, an employee each.
fn labels_xlsx(numbers: &[String]) -> Vec<u8> {
    let text = |s: String| Cell::Text(s);
    let table = Table {
        sheet: "Labels".into(),
        title: Title {
            what: "Labels".into(),
            company: None,
            bin: None,
            number: None,
            period: None,
            generated_at: Utc::now().naive_utc(),
            lang: Language::En,
            notes: vec![],
        },
        columns: ["Number", "Employee", "Department", "Cost centre code", "Cost centre name", "Tags"]
            .into_iter()
            .map(|h| Column::new(h, ColumnKind::Text))
            .collect(),
        rows: numbers
            .iter()
            .enumerate()
            .map(|(i, m)| {
                vec![
                    text(m.clone()),
                    text(format!("Employee {i}")),
                    text(format!("Department {}", i % 12)),
                    text(format!("CC-{:02}", i % 40)),
                    text(format!("Cost centre {}", i % 40)),
                    text(if i % 3 == 0 { "field".into() } else { String::new() }),
                ]
            })
            .collect(),
        totals: None,
    };
    kabinet_documents::xlsx(&table).expect("the labels workbook")
}

/// A number's charges in `month`: the tariff's fee and usage that varies by number and month,
/// roaming in about one month of eight; VAT at 16%.
fn charges_of(s: &NumberSummary, month: YearMonth) -> NumberCharges {
    let key: u64 = s.msisdn.parse::<u64>().unwrap_or(0) ^ (month.index() as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let h = key.wrapping_mul(0xBF58_476D_1CE4_E5B9) ^ (key >> 29);
    let nets = [
        (ChargeService::Subscription, 350_000),
        (ChargeService::Calls, (h % 600) as i64 * 1_500),
        (ChargeService::Sms, ((h >> 20) % 60) as i64 * 1_000),
        (ChargeService::Internet, ((h >> 32) % 15_001) as i64 * 40),
        (ChargeService::Roaming, if (h >> 50) % 8 == 0 { 250_000 } else { 0 }),
    ];
    NumberCharges {
        account: s.account.clone(),
        msisdn: s.msisdn.clone(),
        tariff: s.tariff.clone(),
        months: vec![MonthCharges {
            month,
            services: nets
                .into_iter()
                .filter(|(_, net)| *net > 0)
                .map(|(service, net)| ServiceCharge { service, net: Tiyn(net), vat: Tiyn(net * 16 / 100) })
                .collect(),
        }],
    }
}

#[tokio::main]
async fn main() {
    let n: u32 = std::env::var("KABINET_BENCH_NUMBERS").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut config = Config::demo("127.0.0.1:0".parse().expect("address"), dir.path().join("portal"));
    config.seed = Seed::Large(n);
    let portal = portal_sandbox::start(config).await.expect("sandbox");
    println!("numbers={n}");

    let cache = Cache::open(&dir.path().join("cache.sqlite")).await.expect("cache");
    let account = Account::new(
        PortalClient::new(&portal.url()).expect("client"),
        cache.clone(),
        Arc::new(Vault::memory_only()),
        "bench",
    );
    account.login(DEMO_LOGIN_PHONE, DEMO_LOGIN_PASSWORD, false).await.expect("login");
    account.companies().await.expect("companies");
    account.numbers().sync(COMPANY, false, &|_| {}).await.expect("full sync");

    // 12 months of charges written into the cache as a fetch writes them (one transaction per
    // month): fetching them from the sandbox takes about two minutes, which is the portal's time,
    // not the figures measured here.
    let owner = Owner::new("bench", DEMO_LOGIN_PHONE);
    let summaries = account.numbers().all(COMPANY, &NumberFilter::default()).await.expect("the numbers");
    let (from, to) = charges_period::last_year(Utc::now());
    let charges = std::env::var_os("KABINET_BENCH_NO_CHARGES").is_none();
    let t = Instant::now();
    let mut month = from;
    while charges && month <= to {
        let lines: Vec<NumberCharges> = summaries.iter().map(|s| charges_of(s, month)).collect();
        cached_charges::replace_month(cache.pool(), &owner, COMPANY, month, &lines, Utc::now()).await.expect("a month");
        month = month.next();
    }
    println!("charges_write_ms={}", ms(t.elapsed()));
    let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM charges").fetch_one(cache.pool()).await.expect("rows");
    println!("charge_rows={rows}");

    // Labels: 100,000 rows from XLSX, previewed and applied (then undone, and again).
    let numbers: Vec<String> = account
        .numbers()
        .all(COMPANY, &NumberFilter::default())
        .await
        .expect("the numbers")
        .into_iter()
        .map(|s| s.msisdn)
        .collect();
    let workbook = labels_xlsx(&numbers);
    let labels = account.labels();
    let t = Instant::now();
    let plan = labels.preview_import(COMPANY, &workbook).await.expect("preview");
    println!("labels_preview_xlsx_ms={}", ms(t.elapsed()));
    let applied = Instant::now();
    labels.apply_import(COMPANY, &workbook, "labels.xlsx", &plan.digest).await.expect("apply");
    println!("labels_apply_xlsx_ms={}", ms(applied.elapsed()));
    println!("labels_import_xlsx_ms={}", ms(t.elapsed()));
    assert_eq!(plan.changed as usize, numbers.len());

    if charges {
        let spend = account.spend();
        // The first overview after the labels changed adds up the views by dimension and keeps them
        // (`spend_views`); later ones read them until the charges or labels change again.
        let first = median(1, || async {
            spend.overview(COMPANY, Basis::WithVat).await.expect("overview");
        })
        .await;
        println!("spend_aggregates_first_ms={}", ms(first));
        let overview = median(3, || async {
            spend.overview(COMPANY, Basis::WithVat).await.expect("overview");
        })
        .await;
        println!("spend_aggregates_ms={}", ms(overview));

        let chart = median(3, || async {
            spend.view(COMPANY, Dimension::CostCentre).await.expect("view");
        })
        .await;
        println!("spend_chart_view_ms={}", ms(chart));

        let chargeback = median(1, || async {
            spend.chargeback_file(COMPANY, from, to, Language::Ru).await.expect("chargeback");
        })
        .await;
        println!("chargeback_xlsx_ms={}", ms(chargeback));
        // Its phases, apart: the figures from the cache, then the two sheets as XLSX.
        let t = Instant::now();
        let data = spend.chargeback(COMPANY, from, to).await.expect("chargeback");
        println!("chargeback_data_ms={}", ms(t.elapsed()));
        let company = account.numbers().export_company(COMPANY).await.expect("company");
        let t = Instant::now();
        let tables = kabinet_core::spend::chargeback::tables(&data, &company, Language::Ru, Utc::now());
        println!("chargeback_tables_ms={}", ms(t.elapsed()));
        let t = Instant::now();
        let bytes = kabinet_documents::xlsx_book(&tables).expect("xlsx");
        println!("chargeback_render_ms={}", ms(t.elapsed()));
        println!("chargeback_bytes={}", bytes.len());
    }

    // Change detection after a full sync: the list as it was, against the list written with
    // 1% of the numbers changed, the changes kept; in a transaction rolled back each time.
    let mut after = account.numbers().all(COMPANY, &NumberFilter::default()).await.expect("the numbers");
    for s in after.iter_mut().step_by(100) {
        s.state = NumberState::Blocked;
    }
    let phases = std::cell::RefCell::new(Vec::new());
    let detection = median(5, || async {
        let mut tx = cache.pool().begin().await.expect("tx");
        let t = Instant::now();
        let before = kept_changes::snapshot(&mut tx, &owner, COMPANY, None).await.expect("snapshot");
        let snapshot = t.elapsed();
        let before = before.rows().expect("the snapshot's rows");
        let found = detect::changes(&before, &after, true, Rules::default());
        let detected = t.elapsed();
        let rows: Vec<kept_changes::NewChange> =
            found.iter().map(|f| (f.msisdn.as_str(), f.kind.id(), f.before.as_str(), f.after.as_str(), None)).collect();
        kept_changes::insert(&mut tx, &owner, COMPANY, &rows, Utc::now()).await.expect("insert");
        phases.borrow_mut().push((snapshot, detected - snapshot, t.elapsed() - detected));
        assert!(before.len() == after.len() && !found.is_empty(), "{} before, {} found", before.len(), found.len());
        tx.rollback().await.expect("rollback");
    })
    .await;
    println!("change_detection_ms={}", ms(detection));
    let mut phases = phases.into_inner();
    phases.sort();
    let (snapshot, detected, kept) = phases[phases.len() / 2];
    println!("change_snapshot_ms={}", ms(snapshot));
    println!("change_detect_ms={}", ms(detected));
    println!("change_keep_ms={}", ms(kept));
}
