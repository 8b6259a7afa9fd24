//! Help → "Copy diagnostics": what the operator's support asks first (version, OS, WebKit, the
//! cache's size, the last sync and the last log lines), put on the clipboard in one go.
//!
//! Why from Rust: the window gets no clipboard permission of its own, and the text is redacted
//! here as a whole (`kabinet_core::redact`), log lines and all, so nothing the user pastes into
//! a support ticket holds a full number or a token. The text is in English, for support.

use super::CmdResult;
use crate::state::AppState;
use kabinet_core::cache::sync_state;
use kabinet_core::{Error, ErrorCode};
use std::path::Path;
use tauri::{AppHandle, State};
use tauri_plugin_clipboard_manager::ClipboardExt;

/// How many of the log's last lines go with the diagnostics.
pub const LOG_LINES: usize = 200;

/// Puts the diagnostics on the clipboard.
#[tauri::command(rename_all = "snake_case")]
pub async fn diagnostics_copy(app: AppHandle, state: State<'_, AppState>) -> CmdResult<()> {
    let last_sync = sync_state::last_synced_at(state.started().await?.cache.pool()).await?;
    let text = diagnostics(&state.data_dir, last_sync.map(|t| t.to_rfc3339()));
    app.clipboard()
        .write_text(text)
        .map_err(|e| Error::new(ErrorCode::Internal, format!("The clipboard cannot be written: {e}")))
}

fn diagnostics(data_dir: &Path, last_sync: Option<String>) -> String {
    let webkit = tauri::webview_version().unwrap_or_else(|e| format!("unknown ({e})"));
    let lines = crate::logging::last_lines(LOG_LINES);
    let text = format!(
        "Kabinet {version}\nOS: {os}\nWebKit: {webkit}\nCache: {cache}\nLast sync: {sync}\n\nLog (last {n} lines):\n{log}\n",
        version = env!("CARGO_PKG_VERSION"),
        os = os_name(),
        cache = cache_size(data_dir),
        sync = last_sync.as_deref().unwrap_or("never"),
        n = lines.len(),
        log = lines.join("\n"),
    );
    kabinet_core::redact::redact(&text)
}

/// The OS's own name for itself where it says one (`/etc/os-release` on Linux), and the CPU.
fn os_name() -> String {
    let pretty = std::fs::read_to_string("/etc/os-release").ok().and_then(|text| {
        text.lines().find_map(|l| l.strip_prefix("PRETTY_NAME=")).map(|v| v.trim_matches('"').to_string())
    });
    let os = std::env::consts::OS;
    match pretty {
        Some(name) => format!("{os} ({name}) {}", std::env::consts::ARCH),
        None => format!("{os} {}", std::env::consts::ARCH),
    }
}

/// The cache file with its write-ahead log, in bytes and as people read it.
fn cache_size(data_dir: &Path) -> String {
    let bytes: u64 = ["cache.sqlite", "cache.sqlite-wal", "cache.sqlite-shm"]
        .iter()
        .filter_map(|f| std::fs::metadata(data_dir.join(f)).ok())
        .map(|m| m.len())
        .sum();
    format!("{bytes} bytes ({:.1} MB)", bytes as f64 / 1_048_576.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_diagnostics_say_the_version_the_cache_and_the_last_sync() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("cache.sqlite"), vec![0u8; 2048]).unwrap();
        std::fs::write(dir.path().join("cache.sqlite-wal"), vec![0u8; 1024]).unwrap();
        let text = diagnostics(dir.path(), Some("2026-12-06T12:30:00+00:00".into()));
        assert!(text.starts_with(&format!("Kabinet {}\n", env!("CARGO_PKG_VERSION"))), "{text}");
        assert!(text.contains("\nCache: 3072 bytes (0.0 MB)\n"), "{text}");
        assert!(text.contains("\nLast sync: 2026-12-06T12:30:00+00:00\n"), "{text}");
        assert!(text.contains(&format!("\nOS: {}", std::env::consts::OS)), "{text}");
        assert!(diagnostics(dir.path(), None).contains("\nLast sync: never\n"));
    }
}
