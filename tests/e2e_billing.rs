//! End to end, in the real window: the billing sub-tabs of Documents and reports. A service
//! delivery certificate is downloaded as PDF and as Excel (both land in the library and are
//! still listed with the portal stopped); a reconciliation statement for a range the rule does
//! not allow is refused with the reason (a month not over says so); a number is found by an
//! invoice's registration number, on screen. The tabs follow the manual's words and order.

#![cfg(target_os = "linux")] // Xvfb + WebKitWebDriver: the end-to-end harness is Linux-only.

mod common;

use chrono::{Duration, Utc};
use common::App;
use kabinet_core::rules::document_months::{self, MonthlyDocument};
use serde_json::{json, Value};

/// Whether the page scrolls sideways (the layout does not fit the window's width).
async fn scrolls_sideways(app: &App) -> bool {
    let script = "return document.documentElement.scrollWidth > document.documentElement.clientWidth;";
    app.client.execute(script, vec![]).await.expect("layout script").as_bool().unwrap_or(true)
}

/// Scrolls a form into view, for its screenshot.
async fn show_form(app: &App, css: &str) {
    let script = "document.querySelector(arguments[0]).scrollIntoView({block: 'center'});";
    app.client.execute(script, vec![css.into()]).await.expect("scroll script");
}

/// The registration number of account 25060854's latest invoice, asked of the portal directly.
async fn a_registration_number(url: &str) -> (String, i32) {
    let http = reqwest::Client::new();
    let login: Value = http
        .post(format!("{url}api/v1/auth/login"))
        .header("Idempotency-Key", "e2e-billing-login")
        .json(&json!({"phone": portal_sandbox::DEMO_LOGIN_PHONE, "password": portal_sandbox::DEMO_LOGIN_PASSWORD}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = login["token"].as_str().expect("a session").to_string();
    let month = document_months::available(MonthlyDocument::InvoiceRegister, Utc::now()).last;
    let accounting = format!("{:02}{:02}-25060854", month.year % 100, month.month);
    let found: Value = http
        .get(format!("{url}api/v1/companies/1/invoices/search?by=accounting&number={accounting}&year={}", month.year))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    (found["invoice"]["registration_number"].as_str().expect("the invoice").to_string(), month.year)
}

#[tokio::test]
async fn certificates_download_a_reconciliation_out_of_range_is_refused_and_an_invoice_finds_its_numbers() {
    let (portal, _portal_dir) = common::own_portal().await;
    let (registration, year) = a_registration_number(&portal.url()).await;
    let app = App::launch().await;
    app.use_portal(&portal.url()).await;
    app.sign_in_demo().await;
    app.click("#tab-documents").await;
    app.find("#screen-documents").await;

    // The certificate of the manual's account, as PDF and as Excel.
    app.click("#subtab-certificate").await;
    app.wait_text("#documents-content h2", "Service delivery certificate").await;
    app.wait_text("#certificate-form", "after the 5th").await;
    app.choose("#certificate-form-account", "25060854").await;
    app.click("#certificate-pdf").await;
    app.wait_text("#certificate-status", "Saved in the documents library").await;
    app.wait_text("#certificate-status", "-25060854.pdf").await;
    app.find("#certificate-status .doc-open").await;
    app.click("#certificate-xlsx").await;
    app.wait_text("#certificate-status", "-25060854.xlsx").await;
    app.screenshot("billing-certificate-en").await;
    // By phone number: the number's account.
    app.click("#certificate-by-number").await;
    app.click("#certificate-pdf").await;
    app.wait_text("#certificate-form-msisdn-error", "Enter the phone number").await;

    // A reconciliation from a day before the last 12 months: refused, saying why, under the field.
    app.click("#subtab-reconciliation").await;
    app.wait_text("#documents-content h2", "Reconciliation statement").await;
    let (earliest, _) = document_months::available_days(MonthlyDocument::Reconciliation, Utc::now());
    let too_early = (earliest - Duration::days(1)).format("%d/%m/%Y").to_string();
    app.type_into("#reconciliation-report-form-from", &too_early).await;
    app.click("#reconciliation-report-form-submit").await;
    app.wait_text("#reconciliation-report-form-from-error", "last 12 months").await;
    app.screenshot("billing-reconciliation-refused-en").await;
    // The earliest day, as an Excel file (PDF is offered first): prepared, e-mailed, kept.
    assert_eq!(app.value("#reconciliation-report-form-format").await, "pdf");
    app.type_into("#reconciliation-report-form-from", &earliest.format("%d/%m/%Y").to_string()).await;
    app.choose("#reconciliation-report-form-format", "xlsx").await;
    app.screenshot("billing-reconciliation-format-en").await;
    app.click("#reconciliation-report-form-submit").await;
    app.wait_text("#reconciliation-report-status", "The request is accepted").await;
    app.wait_text("#reconciliation-requested [data-request] .request-state", "saved in the library").await;

    // A number by the invoice's registration number, on screen.
    app.click("#subtab-invoice_search").await;
    app.wait_text("#documents-content h2", "Search for mobile number by invoice number").await;
    app.choose("#invoice-search-form-by", "registration").await;
    app.type_into("#invoice-search-form-number", &registration[..20]).await;
    app.click("#invoice-search-form-submit").await;
    app.wait_text("#invoice-search-form-number-error", "34 characters").await;
    app.type_into("#invoice-search-form-number", &registration).await;
    app.choose("#invoice-search-form-year", &year.to_string()).await;
    app.click("#invoice-search-form-output-screen").await;
    app.click("#invoice-search-form-submit").await;
    app.wait_text("#invoice-found", &registration).await;
    app.wait_text("#invoice-numbers", "+7 701").await;
    app.screenshot("billing-invoice-search-en").await;

    // The portal is gone: both certificates are in the library.
    portal.shutdown().await;
    app.click("#subtab-library").await;
    app.wait_text("#library-table", "-25060854.pdf").await;
    app.wait_text("#library-table", "-25060854.xlsx").await;
    app.wait_text("#library-table", &format!("reconciliation_150340001236_{earliest}_")).await;
    app.wait_text("#library-table", ".xlsx").await;

    // In Russian: the reconciliation's format choice at the default size, then at the minimum
    // size the sub-tabs fit the width.
    app.choose("#lang-select", "ru").await;
    app.click("#subtab-reconciliation").await;
    app.wait_text("#reconciliation-report-form", "Файл Excel (XLSX)").await;
    show_form(&app, "#reconciliation-report-form").await;
    app.screenshot("billing-reconciliation-form-ru").await;
    app.to_minimum_size().await;
    for (tab, title) in [
        ("certificate", "Акт"),
        ("invoice_search", "Поиск"),
        ("invoice_register", "Реестр"),
        ("reconciliation", "Акт сверки"),
    ] {
        app.click(&format!("#subtab-{tab}")).await;
        app.wait_text("#documents-content h2", title).await;
        assert!(!scrolls_sideways(&app).await, "{tab} fits the minimum width");
        app.screenshot(&format!("billing-{tab}-ru-min")).await;
    }
    show_form(&app, "#reconciliation-report-form").await;
    app.screenshot("billing-reconciliation-form-ru-min").await;
    app.keep_screenshots();
    app.close().await;
}

#[tokio::test]
async fn a_reconciliation_ending_in_a_month_not_over_says_so() {
    let app = App::launch().await;
    app.sign_in_demo().await;
    app.click("#tab-documents").await;
    app.click("#subtab-reconciliation").await;
    app.wait_text("#documents-content h2", "Reconciliation statement").await;
    // Today, in Kazakhstan: this month is not over, so it has no statement yet.
    let today = kabinet_core::kz::today(Utc::now());
    app.type_into("#reconciliation-report-form-to", &today.format("%d/%m/%Y").to_string()).await;
    app.click("#reconciliation-report-form-email").await;
    let (_, latest) = document_months::available_days(MonthlyDocument::Reconciliation, Utc::now());
    let error = app.wait_text("#reconciliation-report-form-to-error", "The month is not over yet").await;
    assert!(error.contains(&latest.format("%d/%m/%Y").to_string()), "the latest day is said too: {error}");
    app.screenshot("billing-reconciliation-month-not-over-en").await;
    app.choose("#lang-select", "ru").await;
    app.click("#reconciliation-report-form-submit").await;
    let error = app.wait_text("#reconciliation-report-form-to-error", "Месяц ещё не закончился").await;
    assert!(error.contains(&latest.format("%d.%m.%Y").to_string()), "the latest day as Russian writes it: {error}");
    app.screenshot("billing-reconciliation-month-not-over-ru").await;
    app.keep_screenshots();
    app.close().await;
}

/// The ids of the visible field labels of form `css`, in the order they are on screen.
async fn visible_labels(app: &App, css: &str) -> Vec<String> {
    let script = "return [...document.querySelectorAll(arguments[0] + ' .field')] \
        .filter(f => f.offsetParent !== null).map(f => f.querySelector('label, .visually-hidden').id);";
    let v = app.client.execute(script, vec![css.into()]).await.expect("labels");
    v.as_array().unwrap().iter().map(|x| x.as_str().unwrap_or_default().to_string()).collect()
}

#[tokio::test]
async fn the_documents_follow_the_manuals_words_and_order() {
    let app = App::launch().await;
    app.sign_in_demo().await;
    app.click("#tab-documents").await;

    // Certificate: "Year: 2018   Month: February   Account number: 25060854".
    app.click("#subtab-certificate").await;
    app.wait_text("#certificate-form", "after the 5th").await;
    let order = visible_labels(&app, "#certificate-form").await;
    assert_eq!(
        order,
        ["certificate-form-year-label", "certificate-form-month-label", "certificate-form-account-label"]
    );
    app.click("#certificate-by-number").await;
    let order = visible_labels(&app, "#certificate-form").await;
    assert_eq!(order, ["certificate-form-year-label", "certificate-form-month-label", "certificate-form-msisdn-label"]);
    app.screenshot("billing-certificate-order-en").await;

    // Invoice search: "On screen  XLS file", side by side, not a drop-down.
    app.click("#subtab-invoice_search").await;
    app.wait_text("#invoice-search-form", "On screen").await;
    assert!(app.client.find(fantoccini::Locator::Css("select#invoice-search-form-output")).await.is_err());
    let screen = app.wait_visible("#invoice-search-form-output-screen").await;
    let xls = app.wait_visible("#invoice-search-form-output-xls").await;
    assert_eq!(screen.prop("checked").await.unwrap().as_deref(), Some("true"), "on screen by default");
    let (a, b) = (screen.rectangle().await.unwrap(), xls.rectangle().await.unwrap());
    assert!((a.1 - b.1).abs() < 2.0 && b.0 > a.0, "side by side: {a:?} {b:?}");
    app.wait_text("label:has(#invoice-search-form-output-xls)", "XLS file").await;
    app.screenshot("billing-invoice-search-choice-en").await;

    // A certificate of a number: the library writes the number as every screen does.
    app.click("#subtab-certificate").await;
    app.click("#certificate-by-number").await;
    app.type_into("#certificate-form-msisdn", "77010542007").await;
    app.click("#certificate-pdf").await;
    app.wait_text("#certificate-status", "Saved in the documents library").await;
    app.click("#subtab-library").await;
    app.wait_text("#library-table td.phone", "+7 701 054 20 07").await;
    // And finds it by the number as written there.
    app.type_into("#library-search", "+7 701 054 20 07").await;
    app.wait_text("#library-table td.phone", "+7 701 054 20 07").await;
    app.screenshot("billing-library-number-en").await;
    app.choose("#lang-select", "ru").await;
    app.click("#subtab-invoice_search").await;
    app.wait_text("label:has(#invoice-search-form-output-screen)", "На экране").await;
    app.screenshot("billing-invoice-search-choice-ru").await;
    app.keep_screenshots();
    app.close().await;
}
