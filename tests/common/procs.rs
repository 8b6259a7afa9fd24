//! Reading the app's processes from `/proc`: which one is the app, its descendants (WebKit's
//! web and network processes), and their memory figures. Used by `tests/e2e_memory.rs` and
//! `tests/bench/memory.rs`.

use super::App;
use std::path::Path;

/// The pid of the app started for `app`: the process of the app binary whose data folder is
/// `app`'s.
pub fn app_pid(app: &App) -> u32 {
    let binary = std::env::var("KABINET_E2E_APP").unwrap_or_else(|_| env!("CARGO_BIN_EXE_kabinet").to_string());
    let binary = Path::new(&binary).canonicalize().expect("the app binary");
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

/// A `kB` field of `/proc/<pid>/<file>`, in MB (0 when absent).
pub fn kb_field(pid: u32, file: &str, field: &str) -> f64 {
    let text = std::fs::read_to_string(format!("/proc/{pid}/{file}")).unwrap_or_default();
    text.lines()
        .find_map(|l| l.strip_prefix(field).and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok()))
        .map_or(0.0, |kb| kb / 1024.0)
}

/// A field of `/proc/<pid>/smaps_rollup` (`Pss:`, `Rss:`), in MB.
pub fn rollup_mb(pid: u32, field: &str) -> f64 {
    kb_field(pid, "smaps_rollup", field)
}

/// `pid` and all its descendants.
pub fn tree(pid: u32) -> Vec<u32> {
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
pub fn rss_by_mapping(pid: u32) -> Vec<(String, f64)> {
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
