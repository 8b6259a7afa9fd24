//! End to end, in the real window: the Documents and reports tab and the documents library.
//! A list of numbers report is requested, followed by the watcher until the portal has e-mailed
//! it, and its file appears in the library; with the portal stopped the library still lists it,
//! and filters it. Screenshots in English and Russian, at the default and the minimum size
//! (`KABINET_E2E_SHOTS=<dir>` keeps them).

#![cfg(target_os = "linux")] // Xvfb + WebKitWebDriver: the end-to-end harness is Linux-only.

mod common;

use common::App;

/// Whether the page scrolls sideways (the layout does not fit the window's width).
async fn scrolls_sideways(app: &App) -> bool {
    let script = "return document.documentElement.scrollWidth > document.documentElement.clientWidth;";
    app.client.execute(script, vec![]).await.expect("layout script").as_bool().unwrap_or(true)
}

#[tokio::test]
async fn a_requested_report_arrives_in_the_library_which_works_with_the_portal_stopped() {
    let (portal, _portal_dir) = common::own_portal().await;
    let app = App::launch().await;
    app.use_portal(&portal.url()).await;
    app.sign_in_demo().await;

    app.click("#tab-documents").await;
    app.find("#screen-documents").await;
    app.click("#subtab-numbers_report").await;
    app.wait_text("#documents-content h2", "List of numbers report").await;
    app.wait_text("#numbers-requested", "No report of this kind").await;
    // The e-mail is the administrator's by default; a wrong one is refused under its field.
    assert_eq!(app.value("#numbers-report-form-email").await, "aliya.saparova@kabinet.kz");
    app.type_into("#numbers-report-form-email", "@").await;
    app.click("#numbers-report-form-submit").await;
    app.wait_text("#numbers-report-form-email-error", "e-mail").await;
    app.type_into("#numbers-report-form-email", "buh@kabinet.kz").await;
    app.click("#numbers-report-form-submit").await;
    app.wait_text("#numbers-report-status", "The request is accepted").await;
    app.wait_text("#numbers-requested [data-request] .request-state", "Being prepared").await;
    app.screenshot("documents-numbers-report-en").await;
    // The portal prepares it in a few seconds; the watcher brings the file, and the row follows.
    portal.clock().advance(5);
    app.wait_text("#numbers-requested [data-request] .request-state", "saved in the library").await;
    app.find("#numbers-requested .doc-open").await;

    app.click("#subtab-library").await;
    app.wait_text("#library-table", "numbers_150340001236_").await;
    app.wait_text("#library-table", "List of numbers report").await;
    app.screenshot("documents-library-en").await;

    // The portal is gone: the library still lists the file, and filters it.
    portal.shutdown().await;
    app.click("#subtab-numbers_report").await;
    app.click("#subtab-library").await;
    app.wait_text("#library-table", "numbers_150340001236_").await;
    app.type_into("#library-search", "no such file").await;
    app.wait_text("#library-empty", "No documents match").await;
    app.type_into("#library-search", "150340001236").await;
    app.wait_text("#library-table", "numbers_150340001236_").await;
    app.choose("#library-kind", "certificate").await;
    app.wait_text("#library-empty", "No documents match").await;
    app.choose("#library-kind", "").await;

    app.choose("#lang-select", "ru").await;
    app.wait_text("#subtab-library", "Библиотека документов").await;
    app.wait_text("#library-table", "Отчёт по списку номеров").await;
    app.screenshot("documents-library-ru").await;
    app.to_minimum_size().await;
    assert!(!scrolls_sideways(&app).await, "the library fits the minimum width");
    app.screenshot("documents-library-ru-min").await;
    app.click("#subtab-numbers_report").await;
    app.wait_text("#documents-content h2", "Отчёт по списку номеров").await;
    assert!(!scrolls_sideways(&app).await, "the report's tab fits the minimum width");
    app.screenshot("documents-numbers-report-ru-min").await;
    app.choose("#lang-select", "en").await;
    app.wait_text("#documents-content h2", "List of numbers report").await;
    app.screenshot("documents-numbers-report-en-min").await;
    app.keep_screenshots();
    app.close().await;
}
