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

    // By number and by action, the action by its kind (the filter offers it by name): the manual's
    // number's block only, its asking and, when it completed meanwhile, its completion (so the
    // total is not pinned).
    let offered = app.find("#actions-filter-action").await.text().await.unwrap();
    assert!(offered.contains("Number blocking") && offered.contains("PIN/PUK codes viewed"), "{offered}");
    app.type_into("#actions-filter-number", "701 054 20 07").await;
    app.choose("#actions-filter-action", "block").await;
    // The rows' kinds and numbers, until the filtered answer is drawn.
    let script = "return [...document.querySelectorAll('#actions-table tbody tr')].map((r) => r.dataset.kind + ' ' + r.textContent)";
    let started = std::time::Instant::now();
    let rows = loop {
        let rows: Vec<String> =
            serde_json::from_value(app.client.execute(script, vec![]).await.expect("rows")).unwrap();
        if !rows.is_empty() && rows.iter().all(|r| r.starts_with("block ") && r.contains("054 20 07")) {
            break rows;
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(20), "not filtered by the kind: {rows:?}");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    assert!(rows.iter().any(|r| r.contains("Number blocking")), "{rows:?}");
    let shown = app.find("#actions-table").await.text().await.unwrap();
    assert!(!shown.contains("060 00 37") && shown.contains("054 20 07") && !shown.contains("PIN/PUK"), "{shown}");
    app.screenshot("reports-actions-filtered-en").await;

    // In Russian: the rows and the filter's names are worded from the kinds, the filter kept.
    app.choose("#lang-select", "ru").await;
    app.wait_text("#actions-table", "Блокировка номера").await;
    let offered = app.find("#actions-filter-action").await.text().await.unwrap();
    assert!(offered.contains("Блокировка номера") && offered.contains("Просмотр PIN/PUK-кодов"), "{offered}");
    assert!(!app.find("#actions-table").await.text().await.unwrap().contains("Number blocking"));
    app.screenshot("reports-actions-filtered-ru").await;
    app.choose("#lang-select", "en").await;
    app.wait_text("#actions-table", "Number blocking").await;

    app.click("#actions-export").await;
    app.wait_text("#actions-history-status", "Saved in the documents library: actions-").await;
    app.find("#actions-history-status .doc-open").await;
    app.click("#subtab-library").await;
    app.wait_text("#library-table", "Actions history").await;

    app.to_minimum_size().await;
    app.click("#subtab-actions_history").await;
    app.wait_text("#documents-content h2", "Actions history").await;
    app.screenshot("reports-actions-min").await;
    // In Russian at the minimum size, the rows worded from their kinds.
    app.choose("#lang-select", "ru").await;
    app.wait_text("#documents-content h2", "История действий").await;
    app.click("#actions-history-form-submit").await;
    app.wait_text("#actions-table", "Просмотр PIN/PUK-кодов").await;
    app.screenshot("reports-actions-min-ru").await;
    app.keep_screenshots();
    app.close().await;
}
