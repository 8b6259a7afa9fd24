//! End to end, in the real window: the requests a BULK run starts are followed by core's one
//! watcher (issue 16), like a request sent alone. Two Active numbers are blocked in bulk, and
//! back in the list their rows go from "In process" to "Blocked" by themselves (no Sync is
//! pressed); then the same two are unblocked in bulk and go from "In process" to "Active".
//! (Bulk SIM replacement, each number with its own new SIM, is `e2e_bulk_sim.rs`.)
//!
//! Screenshots in English; set `KABINET_E2E_SHOTS=<dir>` to keep them.

#![cfg(target_os = "linux")] // Xvfb + WebKitWebDriver: the end-to-end harness is Linux-only.

mod common;

use common::App;

/// The rows drawn in the list: (msisdn, state class).
async fn drawn_rows(app: &App) -> Vec<(String, String)> {
    let script = r##"return [...document.querySelectorAll("#numbers-viewport .vrow.data")]
        .map((r) => [r.dataset.msisdn, r.querySelector("[class^=state-]").className.slice(6)]);"##;
    let rows = app.client.execute(script, vec![]).await.expect("read the rows");
    rows.as_array()
        .expect("rows")
        .iter()
        .map(|r| (r[0].as_str().unwrap().to_string(), r[1].as_str().unwrap().to_string()))
        .collect()
}

/// Previews and runs `action` on the selected numbers, then goes back to the list.
async fn run_in_bulk(app: &App, action: &str, title: &str) {
    app.click("#selection-bulk").await;
    app.wait_text("#bulk-subject", "2 numbers selected").await;
    app.choose("#bulk-action", action).await;
    app.click("#bulk-preview").await;
    app.wait_text("#bulk-run-title", &format!("Preview: {title}")).await;
    app.wait_text("[data-testid=bulk-to-run] .value", "2").await;
    app.click("#bulk-run").await;
    app.wait_text("#bulk-confirm-dialog", "for 2 numbers").await;
    app.click("#bulk-confirm-dialog-confirm").await;
    app.wait_text("#bulk-run-title", &format!("Finished: {title}")).await;
    app.wait_text("[data-testid=bulk-done] .value", "2").await;
    app.click("#bulk-back").await;
    app.wait_text("#selection-count", "2 selected").await;
}

/// How many times the list was synced by the user: the Sync button's clicks are counted by the
/// page, so the test can say none was pressed.
async fn sync_clicks(app: &App) -> u64 {
    let script = "return window.__syncClicks ?? 0;";
    app.client.execute(script, vec![]).await.expect("script").as_u64().unwrap_or(0)
}

#[tokio::test]
async fn bulk_block_and_unblock_rows_reach_their_final_state_by_themselves() {
    let app = App::launch().await;
    app.sign_in_demo().await;
    app.wait_text("#numbers-synced", "Numbers as of").await;
    let script = "window.__syncClicks = 0; document.addEventListener('click', (e) => { \
                  if (e.target.closest('#numbers-sync')) window.__syncClicks++; }, true);";
    app.client.execute(script, vec![]).await.expect("count Sync clicks");

    let rows = drawn_rows(&app).await;
    let active: Vec<String> = rows.iter().filter(|r| r.1 == "active").take(2).map(|r| r.0.clone()).collect();
    assert_eq!(active.len(), 2, "two Active numbers on screen: {rows:?}");
    for msisdn in &active {
        app.click(&format!("#numbers-viewport [data-msisdn='{msisdn}'] [data-testid=row-select]")).await;
    }
    app.wait_text("#selection-count", "2 selected").await;

    run_in_bulk(&app, "block", "Block").await;
    for msisdn in &active {
        app.wait_content(&format!("#numbers-viewport [data-msisdn='{msisdn}']"), "In process").await;
    }
    app.screenshot("bulk-watch-in-process-en").await;
    for msisdn in &active {
        app.wait_content(&format!("#numbers-viewport [data-msisdn='{msisdn}'] [class^=state-]"), "Blocked").await;
    }
    app.screenshot("bulk-watch-blocked-en").await;

    run_in_bulk(&app, "unblock", "Unblock").await;
    for msisdn in &active {
        app.wait_content(&format!("#numbers-viewport [data-msisdn='{msisdn}']"), "In process").await;
    }
    for msisdn in &active {
        app.wait_content(&format!("#numbers-viewport [data-msisdn='{msisdn}'] [class^=state-]"), "Active").await;
    }
    app.screenshot("bulk-watch-active-en").await;
    assert_eq!(sync_clicks(&app).await, 0, "the list was never synced by hand");
    app.close().await;
}
