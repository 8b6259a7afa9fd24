//! End to end, in the real window: Help → "Copy diagnostics" puts the version, the system, the
//! WebKit version, the cache's size, the last sync and the log's last lines on the clipboard,
//! and says so; the demo administrator's number (which the log met at sign-in) and any session
//! token are not in it. The clipboard is read back with `xclip` on the app's display, as a paste
//! would. Screenshots of Help in English, Russian and Kazakh, at the default and minimum size.

#![cfg(target_os = "linux")] // Xvfb + WebKitWebDriver: the end-to-end harness is Linux-only.

mod common;

use common::App;
use std::process::Command;
use std::time::{Duration, Instant};

/// The clipboard's text on `display`, once it holds `needle`.
fn clipboard_with(display: &str, needle: &str) -> String {
    let started = Instant::now();
    loop {
        let out = Command::new("xclip")
            .args(["-selection", "clipboard", "-o"])
            .env("DISPLAY", display)
            .output()
            .expect("xclip runs (.ci/deps --e2e installs it)");
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        if text.contains(needle) {
            return text;
        }
        assert!(started.elapsed() < Duration::from_secs(20), "the clipboard never held {needle:?}: {text:?}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// Scrolls Help down to the button and its notice, for the screenshot.
async fn show_button(app: &App) {
    let script = "document.getElementById('help-diagnostics').scrollIntoView({ block: 'center' });";
    app.client.execute(script, vec![]).await.expect("scroll to the button");
}

#[tokio::test]
async fn copy_diagnostics_puts_a_redacted_report_on_the_clipboard() {
    let app = App::launch().await;
    app.sign_in_demo().await;
    app.wait_text("#numbers-synced", "Numbers as of").await;
    app.click("#nav-help").await;
    app.click("#help-copy-diagnostics").await;
    app.wait_text("#help-diagnostics-status", "Diagnostics copied to the clipboard").await;

    let text = clipboard_with(app.display(), "Log (last");
    let version = format!("Kabinet {}\n", env!("CARGO_PKG_VERSION"));
    assert!(text.starts_with(&version), "{text}");
    for line in ["\nOS: linux", "\nWebKit: 2.", "\nCache: "] {
        assert!(text.contains(line), "{line:?} in {text}");
    }
    let sync = text.lines().find_map(|l| l.strip_prefix("Last sync: ")).expect("a last sync line");
    assert!(chrono::DateTime::parse_from_rfc3339(sync).is_ok(), "the sign-in's sync: {sync:?}");
    // The log met the administrator's number at sign-in; only its last two digits are left.
    assert!(text.contains("signed in as [phone …15]"), "{text}");
    for secret in ["77010016515", "+7 701 001 65 15", "7010016515", "Kabinet-2026", common::DEMO_PORTAL_SECRET] {
        assert!(!text.contains(secret), "{secret:?} in the diagnostics: {text}");
    }
    // A session token (64 hex digits) never appears.
    let hex_run = text.split(|c: char| !c.is_ascii_hexdigit()).map(str::len).max().unwrap_or(0);
    assert!(hex_run < 32, "a token-like run of {hex_run} hex digits in {text}");

    for (lang, title) in [("en", "Copy diagnostics"), ("ru", "Скопировать диагностику"), ("kk", "Диагностиканы көшіру")]
    {
        app.choose("#lang-select", lang).await;
        app.wait_text("#help-copy-diagnostics", title).await;
        show_button(&app).await;
        app.screenshot(&format!("help-diagnostics-{lang}")).await;
    }
    app.to_minimum_size().await;
    for lang in ["en", "ru", "kk"] {
        app.choose("#lang-select", lang).await;
        app.wait_text("#help-copy-diagnostics", if lang == "en" { "Copy" } else { "иагностик" }).await;
        show_button(&app).await;
        app.screenshot(&format!("help-diagnostics-{lang}-min")).await;
    }
    app.keep_screenshots();
    app.close().await;
}
