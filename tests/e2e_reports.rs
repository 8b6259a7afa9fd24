//! End to end, in the real window: the Documents tab's registered devices report, requested
//! and followed until its file is in the library; and the actions history of a period, filtered
//! by number and by action, exported to XLSX into the library.

#![cfg(target_os = "linux")] // Xvfb + WebKitWebDriver: the end-to-end harness is Linux-only.

mod common;

use common::App;
use serde_json::{json, Value};

/// Waits until the element is not shown.
async fn wait_hidden(app: &App, css: &str) {
    let started = std::time::Instant::now();
    while app.find(css).await.is_displayed().await.unwrap_or(true) {
        assert!(started.elapsed() < std::time::Duration::from_secs(10), "{css} still shown");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// A demo sandbox the app is pointed at, signed in.
async fn app_with_portal() -> (App, portal_sandbox::RunningSandbox, tempfile::TempDir) {
    let (portal, portal_dir) = common::own_portal().await;
    let app = App::launch().await;
    app.use_portal(&portal.url()).await;
    app.sign_in_demo().await;
    (app, portal, portal_dir)
}

#[tokio::test]
async fn the_registered_devices_report_is_requested_and_arrives_in_the_library() {
    let (app, portal, _dir) = app_with_portal().await;
    app.click("#tab-documents").await;
    app.click("#subtab-devices_report").await;
    app.wait_text("#documents-content h2", "Registered devices report").await;
    app.wait_text("#documents-content", "valid as of the date of the report").await;
    assert_eq!(app.value("#devices-report-form-email").await, "aliya.saparova@kabinet.kz");
    app.click("#devices-report-form-submit").await;
    app.wait_text("#devices-report-status", "The request is accepted").await;
    app.wait_text("#devices-requested [data-request] .request-state", "Being prepared").await;
    portal.clock().advance(5);
    app.wait_text("#devices-requested [data-request] .request-state", "saved in the library").await;
    app.find("#devices-requested .doc-open").await;
    let mail = portal.outbox(Some("aliya.saparova@kabinet.kz"));
    assert!(mail.iter().any(|m| m.attachment.as_ref().is_some_and(|a| a.name.starts_with("devices_150340001236_"))));

    app.click("#subtab-library").await;
    app.wait_text("#library-table", "devices_150340001236_").await;
    app.wait_text("#library-table", "Registered devices report").await;
    app.screenshot("reports-devices-library-en").await;
    app.keep_screenshots();
    app.close().await;
}

/// Actions of the demo administrator, made over the portal's API (a second session).
async fn act(portal: &portal_sandbox::RunningSandbox) {
    let http = reqwest::Client::new();
    let url = |path: &str| format!("{}{}", portal.url(), path.trim_start_matches('/'));
    let login: Value = http
        .post(url("/api/v1/auth/login"))
        .header("Idempotency-Key", "e2e-reports-login")
        .json(&json!({"phone": "77010016515", "password": "Kabinet-2026"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = login["token"].as_str().unwrap();
    for (i, number) in ["77010542007", "77010600037"].iter().enumerate() {
        let status = http
            .post(url(&format!("/api/v1/numbers/{number}/block")))
            .bearer_auth(token)
            .header("Idempotency-Key", format!("e2e-reports-block-{i}"))
            .send()
            .await
            .unwrap()
            .status();
        assert_eq!(status, reqwest::StatusCode::ACCEPTED);
    }
    let status =
        http.get(url("/api/v1/numbers/77010542007/sim-secrets")).bearer_auth(token).send().await.unwrap().status();
    assert!(status.is_success(), "{status}");
}

#[tokio::test]
async fn the_actions_history_is_filtered_and_exported() {
    let (app, portal, _dir) = app_with_portal().await;
    act(&portal).await;
    app.click("#tab-documents").await;
    app.click("#subtab-actions_history").await;
    app.wait_text("#documents-content h2", "Actions history").await;
    app.wait_text("#documents-content", "Viewing the history of actions").await;
    // A date before the twelve months is refused as typed, naming the rule.
    app.type_into("#actions-history-form-from", "01/01/2000").await;
    app.click("#actions-history-form-submit").await;
    app.wait_text("#actions-history-form-from-error", "last twelve months").await;
    app.click("#actions-history-form-submit").await; // still refused: nothing is shown
    assert!(app.find("#actions-history-results").await.text().await.unwrap().is_empty());
    // The last month (the default) shows today's actions.
    let month_ago = kabinet_core::kz::today(chrono::Utc::now()).checked_sub_months(chrono::Months::new(1)).unwrap();
    // Tab out first, as a user does: leaving the field checks it, and the error it showed while
    // it was empty goes (the button moves up), so the click lands on the button.
    app.type_into("#actions-history-form-from", &format!("{}\u{e004}", month_ago.format("%d/%m/%Y"))).await;
    wait_hidden(&app, "#actions-history-form-from-error").await;
    app.click("#actions-history-form-submit").await;
    app.wait_text("#actions-table", "Number blocking").await;
    app.wait_text("#actions-table", "Алия Сапарова").await;
    app.wait_text("#actions-table", "+7 701 060 00 37").await;
    app.wait_text("#actions-count", "Shown: ").await;

    // By number and by action: the manual's number's blocking only (the blocks may complete
    // meanwhile and add their rows, so the total is not pinned).
    app.type_into("#actions-filter-number", "701 054 20 07").await;
    app.choose("#actions-filter-action", "Number blocking").await;
    app.wait_text("#actions-count", "Shown: 1 of").await;
    let shown = app.find("#actions-table").await.text().await.unwrap();
    assert!(!shown.contains("060 00 37") && shown.contains("054 20 07"), "{shown}");
    app.screenshot("reports-actions-filtered-en").await;

    app.click("#actions-export").await;
    app.wait_text("#actions-history-status", "Saved in the documents library: actions-").await;
    app.find("#actions-history-status .doc-open").await;
    app.click("#subtab-library").await;
    app.wait_text("#library-table", "Actions history").await;

    app.to_minimum_size().await;
    app.click("#subtab-actions_history").await;
    app.wait_text("#documents-content h2", "Actions history").await;
    app.screenshot("reports-actions-min").await;
    app.keep_screenshots();
    app.close().await;
}
