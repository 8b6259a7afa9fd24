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

use common::App;
use std::path::Path;
use std::time::Duration;

/// The pid of the app started for `app`: the test binary's app whose data folder is `app`'s.
fn app_pid(app: &App) -> u32 {
    let binary = Path::new(env!("CARGO_BIN_EXE_kabinet")).canonicalize().expect("the app binary");
    let marker = format!("KABINET_DATA_DIR={}", app.data_dir.path().join("app").display());
    for entry in std::fs::read_dir("/proc").expect("/proc") {
        let Ok(entry) = entry else { continue };
        let Some(pid) = entry.file_name().to_str().and_then(|s| s.parse::<u32>().ok()) else { continue };
        let exe = std::fs::read_link(entry.path().join("exe")).ok();
        if exe.as_deref() != Some(binary.as_path()) {
            continue;
        }
        let environ = std::fs::read(entry.path().join("environ")).unwrap_or_default();
        if environ.split(|b| *b == 0).any(|v| v == marker.as_bytes()) {
            return pid;
        }
    }
    panic!("the app's process was not found");
}

/// A `kB` field of `/proc/<pid>/<file>`, in MB.
fn kb_field(pid: u32, file: &str, field: &str) -> f64 {
    let text = std::fs::read_to_string(format!("/proc/{pid}/{file}")).unwrap_or_default();
    text.lines()
        .find_map(|l| l.strip_prefix(field).and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok()))
        .map_or(0.0, |kb| kb / 1024.0)
}

/// `pid` and all its descendants.
fn tree(pid: u32) -> Vec<u32> {
    let mut all = vec![pid];
    let mut i = 0;
    while i < all.len() {
        let parent = all[i];
        let children = std::fs::read_to_string(format!("/proc/{parent}/task/{parent}/children")).unwrap_or_default();
        all.extend(children.split_whitespace().filter_map(|c| c.parse::<u32>().ok()));
        i += 1;
    }
    all
}

/// The largest shares of the process's RSS by what is mapped (a library, the binary, or
/// `[anon]` for the heap and stacks), in MB, biggest first.
fn rss_by_mapping(pid: u32) -> Vec<(String, f64)> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/smaps")).unwrap_or_default();
    let mut shares: std::collections::HashMap<String, f64> = Default::default();
    let mut current = String::new();
    for line in text.lines() {
        let first = line.split_whitespace().next().unwrap_or_default();
        if first.contains('-') && first.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
            let path = line.split_whitespace().nth(5).unwrap_or("[anon]");
            current = Path::new(path).file_name().map_or(path.to_string(), |n| n.to_string_lossy().into_owned());
        } else if let Some(kb) = line.strip_prefix("Rss:") {
            let kb: f64 = kb.trim().trim_end_matches("kB").trim().parse().unwrap_or(0.0);
            *shares.entry(current.clone()).or_default() += kb / 1024.0;
        }
    }
    let mut shares: Vec<_> = shares.into_iter().collect();
    shares.sort_by(|a, b| b.1.total_cmp(&a.1));
    shares
}

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
