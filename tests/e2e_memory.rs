//! How much memory the app holds with the numbers list open in the real window. Run on demand:
//!
//! ```text
//! cargo test -p kabinet --release --test e2e_memory -- --ignored --nocapture
//! ```
//!
//! Prints `app_rss_login_mb` (at the login screen), `app_rss_mb` (the app's own process: Rust, the embedded portal, SQLite, GTK and
//! WebKit's UI side), `app_anon_mb` (its private heap and stacks, the part the code controls)
//! and `tree_rss_mb` (with WebKit's web and network processes). Asserts nothing about the
//! figures: they depend on the machine; it only fails when it cannot measure.

#![cfg(target_os = "linux")] // Xvfb + WebKitWebDriver: the end-to-end harness is Linux-only.

mod common;

use common::procs::{app_pid, kb_field, rss_by_mapping, tree};
use common::App;
use std::time::Duration;

#[tokio::test]
#[ignore = "a measurement, run on demand with --ignored --nocapture"]
async fn app_rss_with_the_numbers_list_open() {
    // `KABINET_MEMORY_ENV="NAME=value NAME2=value"` starts the app with these (for experiments).
    let extra = std::env::var("KABINET_MEMORY_ENV").unwrap_or_default();
    let env: Vec<(&str, &str)> = extra.split_whitespace().filter_map(|kv| kv.split_once('=')).collect();
    let app = App::launch_with(&env).await;
    app.find("#login-phone").await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    let pid = app_pid(&app);
    println!("app_rss_login_mb={:.1}", kb_field(pid, "status", "VmRSS:"));
    app.sign_in_demo().await;
    app.find("#numbers-viewport [data-msisdn='77010542007']").await;
    app.wait_text("#numbers-synced", "Numbers as of").await;
    // Let the first sync's work settle before measuring.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let rss = kb_field(pid, "status", "VmRSS:");
    let anon = kb_field(pid, "status", "RssAnon:");
    let threads = kb_field(pid, "status", "Threads:") * 1024.0;
    let tree_rss: f64 = tree(pid).into_iter().map(|p| kb_field(p, "status", "VmRSS:")).sum();
    assert!(rss > 0.0, "no VmRSS for pid {pid}");
    println!("app_rss_mb={rss:.1}");
    println!("app_anon_mb={anon:.1}");
    println!("app_threads={threads:.0}");
    println!("tree_rss_mb={tree_rss:.1}");
    for (mapping, mb) in rss_by_mapping(pid).into_iter().take(8) {
        println!("  {mb:7.1} MB  {mapping}");
    }
    app.close().await;
}
