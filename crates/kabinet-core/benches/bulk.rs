//! `cargo bench -p kabinet-core --bench bulk`: bulk actions at scale, against an in-process
//! sandbox over loopback HTTP. Prints one `name=value` line per figure; asserts no timings.
//!
//! - `bulk_preview_10000_ms`: the preview of 10,000 numbers selected through a search of a
//!   100,000-number company (cached list read, local rules, the portal's one check, the run and
//!   its 10,000 rows with their keys written): the median of 3.
//! - `bulk_run_numbers_per_s`: that run of block against the sandbox with `slow_operation` 0.
//! - `bulk_run_latency50_numbers_per_s` beside `bulk_run_limit_per_s` (= CONCURRENCY / 0.05):
//!   400 numbers against a sandbox whose every answer waits 50 ms (`Rules::answer_latency`), to
//!   show that the concurrency limit is what bounds a run when the portal is far.
//! - `bulk_heap_after_1000_kb`, `bulk_heap_after_10000_kb`: the Rust heap in use (a counting
//!   global allocator; the in-process sandbox's allocations included, SQLite's own not) after a
//!   run of 1,000 and after one of 10,000, and the peaks during each (`bulk_heap_peak_*_kb`, which
//!   include the list's sync at the end of a run, which holds the changed rows' pages before it
//!   writes them) and while numbers were being sent (`bulk_heap_peak_sending_*_kb`, the peak
//!   seen at the last number's progress, before that sync): a run reads its numbers from the
//!   cache in batches, so sending does not grow with the run's size.

use kabinet_core::account::Account;
use kabinet_core::action::Action;
use kabinet_core::bulk::{Selection, CONCURRENCY};
use kabinet_core::cache::Cache;
use kabinet_core::client::PortalClient;
use kabinet_core::secrets::Vault;
use portal_sandbox::{Config, Seed, DEMO_LOGIN_PASSWORD, DEMO_LOGIN_PHONE};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The Rust heap in use, and its peak since the last reset.
struct Counting;

static IN_USE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(by: usize) {
    let now = IN_USE.fetch_add(by, Ordering::Relaxed) + by;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

// SAFETY: every call is passed to the system allocator unchanged; only sizes are counted.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        IN_USE.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            IN_USE.fetch_sub(layout.size(), Ordering::Relaxed);
            grew(new_size);
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn kb(bytes: usize) -> usize {
    bytes / 1024
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}

/// The large company of `Seed::Large`: numbers `77780000000 + i`.
const COMPANY: i64 = 4;

async fn setup(dir: &tempfile::TempDir, n: u32, latency: Duration) -> (portal_sandbox::RunningSandbox, Account) {
    let mut config = Config::demo("127.0.0.1:0".parse().unwrap(), dir.path().join("portal"));
    config.seed = Seed::Large(n);
    config.rules.slow_operation = chrono::Duration::zero();
    config.rules.answer_latency = latency;
    let portal = portal_sandbox::start(config).await.expect("sandbox");
    let cache = Cache::open(&dir.path().join("cache.sqlite")).await.expect("cache");
    let account =
        Account::new(PortalClient::new(&portal.url()).unwrap(), cache, Arc::new(Vault::memory_only()), "bench");
    account.login(DEMO_LOGIN_PHONE, DEMO_LOGIN_PASSWORD, false).await.expect("login");
    account.companies().await.expect("companies");
    account.numbers().sync(COMPANY, false, &|_| {}).await.expect("sync");
    (portal, account)
}

/// Waits for the list's search index, which a sync rebuilds in the background, so its build is
/// not counted in a run's heap peak.
async fn settle(account: &Account) {
    let search = kabinet_core::cache::numbers::NumberFilter { text: "0000".into(), ..Default::default() };
    account.numbers().window(COMPANY, &search, 0, 1).await.expect("search");
}

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (_portal, account) = setup(&dir, 100_000, Duration::ZERO).await;
    let bulk = account.bulk();
    // 7778000XXXX: the company's first 10,000 numbers.
    let ten_thousand = Selection::Search("7778000".into());

    let mut times = Vec::new();
    let mut run = None;
    for _ in 0..3 {
        let t = Instant::now();
        let previewed = bulk.preview(COMPANY, &ten_thousand, &Action::Block).await.expect("preview");
        times.push(t.elapsed());
        if let Some(old) = run.replace(previewed) {
            bulk.discard(&old.id).await.expect("discard");
        }
    }
    times.sort();
    let run = run.expect("a preview");
    println!("bulk_preview_selected={}", run.total);
    println!("bulk_preview_to_run={}", run.to_run);
    println!("bulk_preview_portal_check={}", run.portal_check.as_str());
    println!("bulk_preview_10000_ms={}", ms(times[1]));

    // A run of 1,000 (77780010XXX, apart from the 10,000), then the 10,000.
    let thousand = bulk.preview(COMPANY, &Selection::Search("77780010".into()), &Action::Block).await.expect("preview");
    PEAK.store(IN_USE.load(Ordering::Relaxed), Ordering::Relaxed);
    let sending_peak = AtomicUsize::new(0);
    let early_peak = AtomicUsize::new(0);
    let watch = |r: &kabinet_core::bulk::BulkRun| {
        if r.state == kabinet_core::bulk::RunState::Running {
            sending_peak.store(PEAK.load(Ordering::Relaxed), Ordering::Relaxed);
            if r.done + r.failed == 200 {
                early_peak.store(PEAK.load(Ordering::Relaxed), Ordering::Relaxed);
            }
        }
    };
    let done = bulk.run(&thousand.id, watch).await.expect("run of 1,000");
    println!("bulk_run_1000_done={}", done.done + done.failed);
    println!("bulk_heap_after_1000_kb={}", kb(IN_USE.load(Ordering::Relaxed)));
    println!("bulk_heap_peak_1000_kb={}", kb(PEAK.load(Ordering::Relaxed)));
    println!("bulk_heap_peak_sending_1000_kb={}", kb(sending_peak.load(Ordering::Relaxed)));
    println!("bulk_heap_peak_first_200_of_1000_kb={}", kb(early_peak.load(Ordering::Relaxed)));

    settle(&account).await;
    PEAK.store(IN_USE.load(Ordering::Relaxed), Ordering::Relaxed);
    let t = Instant::now();
    let done = bulk.run(&run.id, watch).await.expect("run of 10,000");
    let took = t.elapsed();
    let sent = done.done + done.failed;
    println!("bulk_run_10000_sent={sent}");
    println!("bulk_run_10000_failed={}", done.failed);
    println!("bulk_run_10000_s={:.2}", took.as_secs_f64());
    println!("bulk_run_numbers_per_s={:.0}", sent as f64 / took.as_secs_f64());
    println!("bulk_heap_after_10000_kb={}", kb(IN_USE.load(Ordering::Relaxed)));
    println!("bulk_heap_peak_10000_kb={}", kb(PEAK.load(Ordering::Relaxed)));
    println!("bulk_heap_peak_sending_10000_kb={}", kb(sending_peak.load(Ordering::Relaxed)));
    println!("bulk_heap_peak_first_200_of_10000_kb={}", kb(early_peak.load(Ordering::Relaxed)));
    drop(account);

    // A far portal: every answer 50 ms late.
    let far = tempfile::tempdir().expect("temp dir");
    let (_portal, account) = setup(&far, 1_000, Duration::from_millis(50)).await;
    let numbers: Vec<String> = (0..400u64).map(|i| (77_780_000_000 + i).to_string()).collect();
    let run = account.bulk().preview(COMPANY, &Selection::Numbers(numbers), &Action::Block).await.expect("preview");
    let t = Instant::now();
    let done = account.bulk().run(&run.id, |_| {}).await.expect("run with latency");
    let took = t.elapsed();
    println!("bulk_run_latency50_sent={}", done.done + done.failed);
    println!("bulk_run_latency50_numbers_per_s={:.1}", (done.done + done.failed) as f64 / took.as_secs_f64());
    println!("bulk_run_limit_per_s={:.1}", CONCURRENCY as f64 / 0.05);
}
