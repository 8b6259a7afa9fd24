//! End to end, in the real window: the app is killed after the portal moved the money and
//! before its answer arrived; started again and signed in, it says the transfer may not have
//! completed, asks the portal with the transfer's own key, and says it was done once. The
//! portal's own database shows the money moved once. Screenshots in English and Russian, at the
//! minimum size (`KABINET_E2E_SHOTS=<dir>` keeps them).

#![cfg(target_os = "linux")] // Xvfb + WebKitWebDriver: the end-to-end harness is Linux-only.

mod common;

use common::App;
use sqlx::Connection;
use std::path::Path;
use std::time::{Duration, Instant};

const SENDER: &str = "77012115526";
const SENDER_BALANCE: i64 = 375_000;

async fn portal_balance(dir: &Path, msisdn: &str) -> i64 {
    let url = format!("sqlite://{}?mode=ro", dir.join("portal.sqlite").display());
    let mut db = sqlx::SqliteConnection::connect(&url).await.expect("the portal's database opens");
    let balance = sqlx::query_scalar("SELECT balance FROM numbers WHERE msisdn = ?")
        .bind(msisdn)
        .fetch_one(&mut db)
        .await
        .expect("the number is there");
    let _ = db.close().await;
    balance
}

async fn transfers(dir: &Path) -> i64 {
    let url = format!("sqlite://{}?mode=ro", dir.join("portal.sqlite").display());
    let mut db = sqlx::SqliteConnection::connect(&url).await.expect("the portal's database opens");
    sqlx::query_scalar("SELECT COUNT(*) FROM transfers").fetch_one(&mut db).await.expect("transfers")
}

async fn pick(app: &App, picker: &str, typed: &str, msisdn: &str) {
    app.type_into(&format!("#transfer-{picker}"), typed).await;
    app.click(&format!("#transfer-{picker}-list [data-msisdn='{msisdn}']")).await;
}

#[tokio::test]
async fn a_transfer_whose_answer_was_lost_in_a_crash_is_resolved_with_its_key_after_a_restart() {
    let (portal, portal_dir) = common::own_portal().await;
    let data = tempfile::tempdir().expect("temp dir");
    let data_dir = data.path().join("app");
    let env = [("KABINET_DATA_DIR", data_dir.to_str().expect("utf-8 path"))];

    let app = App::launch_with(&env).await;
    app.use_portal(&portal.url()).await;
    app.sign_in_demo().await;
    app.wait_content("#numbers-viewport .vrow.data", "+7 701 054 20 07").await;
    app.click("#tab-transfer").await;
    pick(&app, "sender", "2115526", SENDER).await;
    pick(&app, "recipient", "0542007", "77010542007").await;
    app.type_into("#transfer-amount", "500").await;
    app.type_into("#transfer-amount-tiyn", "50").await;
    app.click("#transfer-submit").await;
    app.wait_text("#transfer-dialog", "Transfer 500.50 ₸").await;

    // The portal acts at once but holds its answer; the app is killed meanwhile.
    common::delay_answers(&portal, Some(60_000)).await;
    app.click("#transfer-dialog-confirm").await;
    let started = Instant::now();
    while portal_balance(portal_dir.path(), SENDER).await == SENDER_BALANCE {
        assert!(started.elapsed() < Duration::from_secs(20), "the portal never moved the money");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    drop(app);
    common::delay_answers(&portal, None).await;

    // Started again on the same data folder, signed in: the notice, then the portal's answer.
    let app = App::launch_with(&env).await;
    app.sign_in_demo().await;
    app.wait_text("#intents-notice strong", "Actions whose answer was lost").await;
    let done = app.wait_text("#intents-notice li[data-status=done]", "the portal confirms it was done, once.").await;
    assert!(done.starts_with("A transfer of 500.50 ₸ from +7 701 211 55 26 to +7 701 054 20 07:"), "{done}");
    assert_eq!(portal_balance(portal_dir.path(), SENDER).await, SENDER_BALANCE - 50_050, "moved once");
    assert_eq!(transfers(portal_dir.path()).await, 1);
    app.screenshot("intents-resolved-en").await;
    app.choose("#lang-select", "ru").await;
    app.wait_text("#intents-notice", "Перевод 500,50").await;
    app.wait_text("#intents-notice", "портал подтверждает, что выполнено, один раз").await;
    app.to_minimum_size().await;
    app.screenshot("intents-resolved-ru-min").await;
    app.click("#intents-close").await;
    assert!(app.find("#intents-notice").await.attr("hidden").await.expect("attribute").is_some());
    app.keep_screenshots();
    app.close().await;
}
