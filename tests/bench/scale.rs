//! `cargo bench --bench scale`: a sandbox with 100,000 numbers in one company, synced into a
//! fresh cache over loopback HTTP, then searched and windowed as the list screen does.
//! Prints one `name=value` line per figure. A benchmark, not a test: it asserts nothing.
//!
//! `KABINET_BENCH_NUMBERS` changes the size (default 100000). The full sync's peer is Python's
//! sqlite3 loading the same rows from JSON (`sync_peer.py`, run twice in the same run, the
//! faster one kept; `unavailable` without `python3`). `KABINET_BENCH_SYNC_ONLY=1` stops after the
//! sync's figures (for `perf record`). Before the sync, `fetch_only_ms` fetches and parses every
//! page without writing it (the fetching half of the sync's pipeline: the portal's serving and
//! the client's parse, one page at a time); `*_cpu_ms` beside a wall time is the CPU time the
//! whole process (client and sandbox, every thread) used meanwhile.

use kabinet_core::account::Account;
use kabinet_core::api::NumberState;
use kabinet_core::cache::numbers::{NumberFilter, NumberOrder, SortColumn};
use kabinet_core::cache::{Cache, Owner};
use kabinet_core::client::PortalClient;
use kabinet_core::secrets::Vault;
use portal_sandbox::{Config, Seed, DEMO_LOGIN_PASSWORD, DEMO_LOGIN_PHONE};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The large company of `Seed::Large`.
const COMPANY: i64 = 4;

/// The CPU time this process has used so far, every thread's, user and system (Linux; zero
/// elsewhere). Beside a wall time it tells work from waiting, and it moves less than wall time
/// when other work shares the machine.
fn cpu_time() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The fields after the command's closing parenthesis; utime and stime are the 12th and 13th.
    let fields: Vec<&str> =
        stat.rsplit_once(')').map(|(_, rest)| rest.split_whitespace().collect()).unwrap_or_default();
    let ticks: u64 = fields.get(11..13).map_or(0, |f| f.iter().filter_map(|v| v.parse::<u64>().ok()).sum());
    // The kernel reports these in USER_HZ, 100 on every Linux this runs on.
    Duration::from_millis(ticks * 10)
}

fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1000.0)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn peak_rss_mb() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).map(str::to_string))
        .and_then(|l| l.split_whitespace().nth(1).and_then(|kb| kb.parse::<f64>().ok()))
        .map(|kb| format!("{:.0}", kb / 1024.0))
        .unwrap_or_else(|| "unknown".into())
}

/// Python's sqlite3 parsing the synced rows from JSON and inserting them (`sync_peer.py`), and
/// the full sync's time over Python's.
async fn sync_peer(account: &Account, dir: &std::path::Path, full: Duration) {
    let rows = account.numbers().all(COMPANY, &NumberFilter::default()).await.expect("the synced list");
    let input = dir.join("numbers.json");
    std::fs::write(&input, serde_json::to_vec(&rows).expect("json")).expect("write the rows");
    drop(rows);
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/bench/sync_peer.py");
    let mut best: Option<f64> = None;
    for i in 0..2 {
        let db = dir.join(format!("python-{i}.sqlite"));
        let out = std::process::Command::new("python3").arg(script).arg(&input).arg(&db).output();
        let Some(out) = out.ok().filter(|o| o.status.success()) else { break };
        let text = String::from_utf8_lossy(&out.stdout);
        if let Some(f) = text.lines().find_map(|l| l.strip_prefix("python_sqlite_sync_ms=")?.parse::<f64>().ok()) {
            best = Some(best.map_or(f, |b: f64| b.min(f)));
        }
    }
    match best {
        Some(python) => {
            println!("python_sqlite_sync_ms={python:.1}");
            println!("full_sync_vs_python_ratio={:.2}", full.as_secs_f64() * 1000.0 / python);
        }
        None => println!("python_sqlite_sync_ms=unavailable"),
    }
}

#[tokio::main]
async fn main() {
    let n: u32 = std::env::var("KABINET_BENCH_NUMBERS").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut config = Config::demo("127.0.0.1:0".parse().unwrap(), dir.path().join("portal"));
    config.seed = Seed::Large(n);
    let started = Instant::now();
    let portal = portal_sandbox::start(config).await.expect("sandbox");
    println!("numbers={n}");
    println!("sandbox_seed_ms={}", ms(started.elapsed()));

    let cache = Cache::open(&dir.path().join("cache.sqlite")).await.expect("cache");
    let account =
        Account::new(PortalClient::new(&portal.url()).unwrap(), cache.clone(), Arc::new(Vault::memory_only()), "bench");
    account.login(DEMO_LOGIN_PHONE, DEMO_LOGIN_PASSWORD, false).await.expect("login");
    account.companies().await.expect("companies");

    // The pages alone, fetched and parsed as the sync does but not written: the fetching half of
    // the sync's pipeline, and the portal's share of it.
    let (t, cpu) = (Instant::now(), cpu_time());
    let mut cursor: Option<String> = None;
    loop {
        let page = account
            .client()
            .numbers_page(COMPANY, cursor.as_deref(), kabinet_core::sync::PAGE_SIZE, None)
            .await
            .expect("a page");
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    println!("fetch_only_ms={}", ms(t.elapsed()));
    println!("fetch_only_cpu_ms={}", ms(cpu_time() - cpu));

    let (t, cpu) = (Instant::now(), cpu_time());
    let full = account.numbers().sync(COMPANY, false, &|_| {}).await.expect("full sync");
    let full_ms = t.elapsed();
    println!("full_sync_ms={}", ms(full_ms));
    println!("full_sync_cpu_ms={}", ms(cpu_time() - cpu));
    assert!(full.full && full.written == n as usize, "the full sync wrote every number");
    // Its phases: fetching runs beside the writing (the pipeline), so they overlap.
    let p = &full.phases;
    for (name, d) in [
        ("fetch", p.fetch),
        ("waiting", p.waiting),
        ("write", p.write),
        ("changes", p.changes),
        ("renumber", p.renumber),
        ("commit", p.commit),
    ] {
        println!("full_sync_phase_ms[{name}]={}", ms(d));
    }
    sync_peer(&account, dir.path(), full_ms).await;
    if std::env::var("KABINET_BENCH_SYNC_ONLY").is_ok_and(|v| v == "1") {
        portal.shutdown().await;
        return;
    }

    let mut incremental = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let report = account.numbers().sync(COMPANY, false, &|_| {}).await.expect("incremental sync");
        incremental.push(t.elapsed());
        assert_eq!(report.written, 0);
    }
    incremental.sort();
    println!("incremental_sync_ms={}", ms(percentile(&incremental, 0.5)));

    // What a user types: digits of a number, an account, a tariff, Cyrillic in another case,
    // a state, and a state filter.
    let some = account.numbers().window(COMPANY, &NumberFilter::default(), i64::from(n / 2), 1).await.unwrap();
    let account_no = some.rows[0].account.clone();
    let text = |t: &str| NumberFilter { text: t.into(), ..Default::default() };
    let queries = [
        text("7780004"),
        text("00123"),
        text(&account_no),
        text("Business Class Junior"),
        text("корпоративный"),
        text("БЕЗЛИМИТ"),
        text("debt"),
        NumberFilter { state: Some(NumberState::Blocked), ..Default::default() },
        NumberFilter { tariff: Some("Kcell".into()), text: "778".into(), ..Default::default() },
    ];
    // The first search after a sync finds the in-memory index that the sync had built in the
    // background (waiting for it if the build is still running).
    let t = Instant::now();
    account.numbers().window(COMPANY, &text("0000"), 0, 100).await.expect("first search");
    println!("search_first_ms={}", ms(t.elapsed()));
    // With no index yet (the app just started and nothing has synced), the search builds it.
    cache.search().invalidate(&Owner::new("bench", DEMO_LOGIN_PHONE), COMPANY);
    let t = Instant::now();
    account.numbers().window(COMPANY, &text("0000"), 0, 100).await.expect("search building the index");
    println!("index_build_ms={}", ms(t.elapsed()));
    let index_bytes = cache.search().index_bytes(&Owner::new("bench", DEMO_LOGIN_PHONE), COMPANY).unwrap_or(0);
    println!("search_index_mb={:.1}", index_bytes as f64 / 1e6);

    let mut times = Vec::new();
    let mut per_query = vec![Vec::new(); queries.len()];
    for _ in 0..10 {
        for (i, q) in queries.iter().enumerate() {
            let t = Instant::now();
            let w = account.numbers().window(COMPANY, q, 0, 100).await.expect("search");
            times.push(t.elapsed());
            per_query[i].push(t.elapsed());
            std::hint::black_box(w);
        }
    }
    times.sort();
    println!("search_p50_ms={}", ms(percentile(&times, 0.5)));
    println!("search_p95_ms={}", ms(percentile(&times, 0.95)));
    // Which query costs what (median of its runs), to tell where a slow p95 comes from.
    for (q, mut t) in queries.iter().zip(per_query) {
        t.sort();
        let label =
            format!("{}|{}|{}", q.text, q.state.as_ref().map_or("", |s| s.as_str()), q.tariff.as_deref().unwrap_or(""));
        println!("search_query_ms[{label}]={}", ms(percentile(&t, 0.5)));
    }

    let mut windows = Vec::new();
    let mut offset: i64 = 7;
    for _ in 0..200 {
        offset = (offset * 7919 + 104_729) % i64::from(n.saturating_sub(100).max(1));
        let t = Instant::now();
        let w = account.numbers().window(COMPANY, &NumberFilter::default(), offset, 100).await.expect("window");
        windows.push(t.elapsed());
        assert_eq!(w.rows.len(), 100.min(n as usize));
    }
    windows.sort();
    println!("window_fetch_ms={}", ms(percentile(&windows, 0.5)));
    println!("window_fetch_p95_ms={}", ms(percentile(&windows, 0.95)));

    // Sorting by a column: the first sort sorts the values kept in the search index, later
    // windows of the sorted list reuse the order.
    let by_balance =
        NumberFilter { order: NumberOrder { column: SortColumn::Balance, descending: true }, ..Default::default() };
    let t = Instant::now();
    account.numbers().window(COMPANY, &by_balance, 0, 100).await.expect("first sort");
    println!("sort_first_ms={}", ms(t.elapsed()));
    // A text column (the account), and a label column (no labels here: every row ties).
    for (name, column) in [("account", SortColumn::Account), ("employee", SortColumn::Employee)] {
        let t = Instant::now();
        let order = NumberOrder { column, descending: false };
        account.numbers().window(COMPANY, &NumberFilter { order, ..Default::default() }, 0, 100).await.expect("sort");
        println!("sort_first_{name}_ms={}", ms(t.elapsed()));
    }
    let mut sorted = Vec::new();
    for _ in 0..100 {
        offset = (offset * 7919 + 104_729) % i64::from(n.saturating_sub(100).max(1));
        let t = Instant::now();
        let w = account.numbers().window(COMPANY, &by_balance, offset, 100).await.expect("sorted window");
        sorted.push(t.elapsed());
        std::hint::black_box(w);
    }
    sorted.sort();
    println!("sorted_window_ms={}", ms(percentile(&sorted, 0.5)));

    // Opening a number's profile refreshes its list row from the portal; the next search should
    // not pay for it.
    let msisdn = some.rows[0].msisdn.clone();
    let t = Instant::now();
    account.numbers().detail(&msisdn).await.expect("profile");
    println!("profile_open_ms={}", ms(t.elapsed()));
    let t = Instant::now();
    account.numbers().window(COMPANY, &text("7780"), 0, 100).await.expect("search after a profile");
    println!("search_after_profile_ms={}", ms(t.elapsed()));
    println!("peak_rss_mb={}", peak_rss_mb());
    portal.shutdown().await;
}
