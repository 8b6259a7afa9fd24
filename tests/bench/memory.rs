//! `cargo bench --bench memory`: the app's memory with the list of 100,000 numbers open, idle.
//!
//! Starts the release app (the one `cargo bench` builds, or `KABINET_E2E_APP`) under Xvfb
//! through the end-to-end harness, its embedded demo portal seeded with a company of
//! `KABINET_BENCH_NUMBERS` numbers (`KABINET_DEMO_SEED=large:N`, default 100000), signs in,
//! opens that company's list, waits for its sync to end and for the app to be idle
//! ([`IDLE`]), then prints `name=value` lines:
//! - `app_rss_mb`: the app's own process (Rust, the embedded portal, SQLite, GTK and WebKit's
//!   UI side), `VmRSS`;
//! - `app_pss_mb`, `app_anon_mb`: its proportional share, and its private heap and stacks;
//! - `tree_pss_mb`, `tree_rss_mb`: the app with WebKit's web and network processes, from
//!   `/proc/PID/smaps_rollup` (PSS counts a shared library once across the tree);
//! - one `pss_mb.<process>` per process, and the app's largest mappings.
//!
//! `KABINET_BENCH_NUMBERS=0`: the demo's own list (33 numbers, no large company), which an app
//! built before `KABINET_DEMO_SEED` existed can also show (`KABINET_E2E_APP`, for a before/after).
//!
//! `KABINET_MEMORY_ENV="NAME=value NAME2=value"` starts the app with these too (experiments:
//! `MALLOC_ARENA_MAX=2`, `WEBKIT_DISABLE_COMPOSITING_MODE=1`, ...). Asserts nothing of the
//! figures: a benchmark.

#[path = "../common/mod.rs"]
mod common;

use common::procs::{app_pid, kb_field, rollup_mb, rss_by_mapping, tree};
use common::App;
use std::time::{Duration, Instant};

/// Quiet time after the list's sync before measuring: the first sync's work settles.
const IDLE: Duration = Duration::from_secs(8);

/// The large company of `Seed::Large`.
const COMPANY: i64 = 4;

#[tokio::main]
async fn main() {
    let n: u32 = std::env::var("KABINET_BENCH_NUMBERS").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000);
    let seed = format!("large:{n}");
    let extra = std::env::var("KABINET_MEMORY_ENV").unwrap_or_default();
    let mut env: Vec<(&str, &str)> = extra.split_whitespace().filter_map(|kv| kv.split_once('=')).collect();
    if n > 0 {
        env.push(("KABINET_DEMO_SEED", &seed));
    }
    let app = App::launch_with(&env).await;
    let pid = app_pid(&app);
    println!("numbers={n}");
    println!("app_rss_login_mb={:.1}", kb_field(pid, "status", "VmRSS:"));

    app.sign_in_demo().await;
    let started = Instant::now();
    if n == 0 {
        app.wait_text("#numbers-synced", "as of").await;
        app.find("#numbers-viewport [data-msisdn='77010542007']").await;
        return measure(app, pid, started).await;
    }
    let pick = "const s = document.getElementById('company-select'); s.value = String(arguments[0]); \
                s.dispatchEvent(new Event('change'));";
    app.client.execute(pick, vec![COMPANY.into()]).await.expect("the large company chosen");
    // A company's first list is downloaded on the user's word.
    app.wait_text("#numbers-synced", "not been downloaded").await;
    app.click("#numbers-sync").await;
    // The list's count shows every number once its sync ended.
    let counted = "const c = document.getElementById('numbers-count'); \
                   return c ? c.textContent.replace(/\\D/g, '') : '';";
    let synced = "return document.getElementById('numbers-synced')?.textContent ?? '';";
    loop {
        let count = app.client.execute(counted, vec![]).await.expect("count read");
        let as_of = app.client.execute(synced, vec![]).await.expect("sync state read");
        if count.as_str() == Some(n.to_string().as_str()) && as_of.as_str().is_some_and(|t| t.contains("as of")) {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(300), "the list never showed {n} numbers: {count} {as_of}");
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    measure(app, pid, started).await;
}

/// Waits [`IDLE`] and prints the figures.
async fn measure(app: App, pid: u32, started: Instant) {
    println!("list_open_ms={}", started.elapsed().as_millis());
    tokio::time::sleep(IDLE).await;

    let processes = tree(pid);
    let app_rss = kb_field(pid, "status", "VmRSS:");
    println!("app_rss_mb={app_rss:.1}");
    println!("app_pss_mb={:.1}", rollup_mb(pid, "Pss:"));
    println!("app_anon_mb={:.1}", kb_field(pid, "status", "RssAnon:"));
    println!("tree_pss_mb={:.1}", processes.iter().map(|p| rollup_mb(*p, "Pss:")).sum::<f64>());
    println!("tree_rss_mb={:.1}", processes.iter().map(|p| kb_field(*p, "status", "VmRSS:")).sum::<f64>());
    for p in &processes {
        let name = std::fs::read_to_string(format!("/proc/{p}/comm")).unwrap_or_default();
        println!("pss_mb.{}={:.1}", name.trim(), rollup_mb(*p, "Pss:"));
    }
    for (mapping, mb) in rss_by_mapping(pid).into_iter().take(8) {
        println!("  {mb:7.1} MB  {mapping}");
    }
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!("loadavg={}", load.split_whitespace().take(3).collect::<Vec<_>>().join(","));
    app.close().await;
}
