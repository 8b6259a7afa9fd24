//! End to end, in the real window at its minimum size (900 × 600): the payments report of the
//! manual's number from its row menu. The pop-up refuses a beginning older than three months as
//! it is typed (with the reason, under the field), sends the report, shows its payments, keeps
//! the file under Saved reports (Open writes it out for the OS's opener), and the e-mail with
//! the XLSX attached is in the demo outbox. Set `KABINET_E2E_SHOTS=<dir>` to keep its
//! screenshots (English and Russian).

#![cfg(target_os = "linux")] // Xvfb + WebKitWebDriver: the end-to-end harness is Linux-only.

mod common;

use chrono::{Months, NaiveDate, Utc};
use common::App;

const NUMBER: &str = "77010542007";

/// A date as the English UI types it: dd/mm/yyyy.
fn typed(date: NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}

/// Whether the page scrolls sideways (the layout does not fit the window's width).
async fn scrolls_sideways(app: &App) -> bool {
    let script = "return document.documentElement.scrollWidth > document.documentElement.clientWidth;";
    app.client.execute(script, vec![]).await.expect("layout script").as_bool().unwrap_or(true)
}

#[tokio::test]
async fn request_a_payments_report_see_the_payments_the_saved_file_and_the_e_mail() {
    let app = App::launch().await;
    app.client.set_window_size(900, 600).await.expect("the minimum size");
    app.sign_in_demo().await;
    app.type_into("#numbers-search", "0542007").await;
    app.wait_text("#numbers-count", "Numbers: 1").await;
    app.click(&format!("#numbers-viewport [data-msisdn='{NUMBER}'] [data-testid=row-more]")).await;
    app.click("#menu-payments").await;

    // The manual's pop-up: the number, the period (default the last month), the e-mail.
    app.wait_text("#payments-dialog-subject", "+7 701 054 20 07").await;
    let today = kabinet_core::kz::today(Utc::now());
    assert_eq!(app.value("#payments-dialog-from").await, typed(today.checked_sub_months(Months::new(1)).unwrap()));
    assert_eq!(app.value("#payments-dialog-to").await, typed(today));
    assert_eq!(app.value("#payments-dialog-email").await, "aliya.saparova@kabinet.kz", "the administrator's e-mail");
    app.wait_text("#screen-payments #payments-note", "only available for the last three months").await;
    app.screenshot("payments-dialog-en").await;

    // A beginning four months ago is refused as soon as the field is left, with the reason.
    let earliest = today.checked_sub_months(Months::new(3)).unwrap();
    app.type_into("#payments-dialog-from", &typed(today.checked_sub_months(Months::new(4)).unwrap())).await;
    app.click("#payments-dialog-email").await;
    let error = app.wait_text("#payments-dialog-from-error", "only available for the last three months").await;
    assert!(error.contains(&typed(earliest)), "names the earliest day: {error}");
    let invalid = app.find("#payments-dialog-from").await.attr("aria-invalid").await.unwrap();
    assert_eq!(invalid.as_deref(), Some("true"));
    app.screenshot("payments-dialog-too-old-en").await;

    // The earliest day is accepted: the report is sent and its payments shown.
    app.type_into("#payments-dialog-from", &typed(earliest)).await;
    app.click("#payments-dialog-confirm").await;
    app.wait_text("#payments-sent", "aliya.saparova@kabinet.kz").await;
    let total = app.wait_text("#payments-total", "Payments: ").await;
    assert!(total.contains('₸'), "{total}");
    let rows = app.wait_content("#payments-table tbody tr", "₸").await;
    assert!(rows.lines().count() >= 3, "a payment a month at least: {rows}");
    let file = format!("payments-{NUMBER}-{earliest}-{today}.xlsx");
    app.wait_text("#payments-status", &file).await;
    assert!(!scrolls_sideways(&app).await, "the screen fits 900 px");

    // Saved reports: the file is kept in the library; its payments show again from there.
    app.wait_text("#payments-saved-table", &file).await;
    app.click("#payments-saved-table .payments-show").await;
    app.wait_text("#payments-exported", &file).await;
    app.wait_visible("#payments-exported .doc-save-as").await;
    let id: i64 =
        app.attribute("#payments-exported", "data-document").await.expect("the library's id").parse().unwrap();
    let bytes = app.library_file(id).await;
    assert_eq!(&bytes[..2], b"PK", "an XLSX file");
    app.screenshot("payments-screen-en").await;

    // The e-mail with the file attached, in the demo outbox.
    app.click("#demo-badge").await;
    app.wait_visible("#outbox").await;
    let outbox = app.wait_text("#outbox-list", &file).await;
    assert!(outbox.contains("aliya.saparova@kabinet.kz"), "{outbox}");
    app.screenshot("payments-outbox-en").await;
    app.click("#demo-badge").await;

    // In Russian, the screen and the pop-up.
    app.choose("#lang-select", "ru").await;
    app.wait_text("#screen-payments h1", "Отчёт по платежам").await;
    app.wait_text("#payments-total", "Платежей:").await;
    assert!(!scrolls_sideways(&app).await, "the Russian screen fits 900 px");
    app.screenshot("payments-screen-ru").await;
    app.click("#payments-request").await;
    app.wait_content("#payments-dialog-confirm", "Запросить").await;
    app.screenshot("payments-dialog-ru").await;
    app.click("#payments-dialog-cancel").await;
    app.keep_screenshots();
    app.close().await;
}
