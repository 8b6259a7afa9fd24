//! End to end, in the real app window: what using the app as a new user found (issue 6, items
//! 17–21 and 24). The tariff filter, a number searched as the list writes it, switching company
//! with a number open, dates in the app's language format with the zone said, no stale results
//! under an error, and empty or malformed fields refused before anything is sent.

#![cfg(target_os = "linux")] // Xvfb + WebKitWebDriver: the end-to-end harness is Linux-only.

mod common;

use chrono::{Datelike, NaiveDate, Utc};
use common::App;

/// The text content of every element matching `css`, in document order.
async fn texts(app: &App, css: &str) -> Vec<String> {
    let script = "return [...document.querySelectorAll(arguments[0])].map(e => e.textContent);";
    let value = app.client.execute(script, vec![css.into()]).await.expect("read texts");
    value.as_array().expect("an array").iter().map(|v| v.as_str().unwrap_or_default().to_string()).collect()
}

/// Whether an element matching `css` is in the document.
async fn present(app: &App, css: &str) -> bool {
    let script = "return document.querySelector(arguments[0]) !== null;";
    app.client.execute(script, vec![css.into()]).await.expect("query").as_bool().unwrap_or(false)
}

async fn open_number(app: &App, msisdn: &str) {
    app.search_one(msisdn, msisdn).await;
    app.click(&format!("[data-msisdn='{msisdn}']")).await;
    app.find("#number-title").await;
}

#[tokio::test]
async fn the_tariff_filter_offers_the_companys_tariffs_and_filters_by_one() {
    let app = App::launch().await;
    app.sign_in_demo().await;
    app.wait_text("#numbers-synced", "Numbers as of").await;
    app.wait_content("#numbers-tariff option", "Business Class Junior").await;
    let options = texts(&app, "#numbers-tariff option").await;
    assert!(options.len() > 2, "more than 'All tariffs' and one tariff: {options:?}");
    let all = app.wait_text("#numbers-count", "Numbers: ").await;

    app.choose("#numbers-tariff", "Business Class Junior").await;
    let filtered = app.wait_content("#numbers-viewport .vrow.data", "Business Class Junior").await;
    let started = std::time::Instant::now();
    loop {
        let tariffs = texts(&app, "#numbers-viewport .vrow.data span:nth-child(4)").await;
        if !tariffs.is_empty() && tariffs.iter().all(|t| t == "Business Class Junior") {
            break;
        }
        assert!(started.elapsed().as_secs() < 20, "rows of other tariffs stay: {tariffs:?} ({filtered})");
        tokio::time::sleep(std::time::Duration::from_millis(150)).await;
    }
    let count = app.find("#numbers-count").await.text().await.unwrap();
    assert_ne!(count, all, "the count follows the filter");
    app.close().await;
}

#[tokio::test]
async fn a_number_typed_as_the_list_shows_it_is_found() {
    let app = App::launch().await;
    app.sign_in_demo().await;
    app.wait_text("#numbers-synced", "Numbers as of").await;
    for query in ["+7 701 211 55 26", "+77012115526", "87012115526", "701 211 55 26", "+7 (701) 211-55-26", "211-55-26"]
    {
        app.type_into("#numbers-search", query).await;
        app.wait_text("#numbers-count", "Numbers: 1").await;
        app.wait_content("#numbers-viewport .vrow.data", "+7 701 211 55 26").await;
    }
    // The row's own text, pasted back, finds it too.
    let shown = texts(&app, "[data-msisdn='77012115526'] span:nth-child(2)").await;
    app.type_into("#numbers-search", "Корпоративный").await;
    app.wait_content("#numbers-viewport .vrow.data", "Корпоративный").await;
    app.type_into("#numbers-search", &shown[0]).await;
    app.wait_text("#numbers-count", "Numbers: 1").await;
    app.close().await;
}

#[tokio::test]
async fn switching_company_with_a_number_open_leaves_the_number() {
    let app = App::launch().await;
    app.sign_in_demo().await;
    open_number(&app, "77010542007").await;
    app.wait_text("#number-title", "+7 701 054 20 07").await;
    app.find("#number-block").await;

    app.choose("#company-select", "2").await;
    app.wait_text("#company-title", "Филиал ТОО Кабинет").await;
    app.find("#screen-home[data-company-id='2']").await;
    assert!(!present(&app, "#screen-number").await, "the first company's number is still on screen");
    assert!(!present(&app, "#number-block").await, "its Block button is still on screen");

    // The usage details of a number belong to its company too.
    app.choose("#company-select", "1").await;
    app.find("#screen-home[data-company-id='1']").await;
    open_number(&app, "77010542007").await;
    app.click("#number-usage").await;
    app.find("#screen-usage").await;
    app.choose("#company-select", "2").await;
    app.find("#screen-home[data-company-id='2']").await;
    assert!(!present(&app, "#screen-usage").await, "the first company's usage is still on screen");
    app.close().await;
}

/// Waits until the usage table has rows and every row's date (`dd.mm.yyyy`) is within from..=to.
async fn wait_rows_within(app: &App, from: NaiveDate, to: NaiveDate) {
    let started = std::time::Instant::now();
    loop {
        let rows = texts(app, "#usage-table tbody td:first-child").await;
        let days: Vec<Option<NaiveDate>> =
            rows.iter().map(|r| NaiveDate::parse_from_str(r.get(..10).unwrap_or(""), "%d.%m.%Y").ok()).collect();
        if !days.is_empty() && days.iter().all(|d| d.is_some_and(|d| from <= d && d <= to)) {
            return;
        }
        assert!(started.elapsed().as_secs() < 20, "usage rows not all within {from}..{to}: {rows:?}");
        tokio::time::sleep(std::time::Duration::from_millis(150)).await;
    }
}

/// `dd.mm.yyyy`, as the Russian screens write a date.
fn ru(date: NaiveDate) -> String {
    date.format("%d.%m.%Y").to_string()
}

#[tokio::test]
async fn the_usage_period_is_typed_and_shown_in_russian_format() {
    let app = App::launch().await;
    app.find("#screen-login").await; // booted: its saved language is applied
    app.choose("#lang-select", "ru").await;
    app.sign_in_demo().await;
    app.wait_text("#numbers-synced", "(время Казахстана)").await;
    open_number(&app, "77010542007").await;
    app.click("#number-usage").await;
    app.wait_text("#usage-total", "Итого").await;

    // The default period, last month in Kazakhstan time, in the app's format, not the system's.
    let (first, last) = kabinet_core::kz::last_month(Utc::now());
    assert_eq!(app.value("#usage-from").await, ru(first));
    assert_eq!(app.value("#usage-to").await, ru(last));
    let placeholder = app.find("#usage-from").await.attr("placeholder").await.unwrap();
    assert_eq!(placeholder.as_deref(), Some("дд.мм.гггг"));
    app.wait_text("#usage-zone", "UTC+5").await;

    // Typed digits get their dots; the table shows the same order of day and month.
    let from = first.with_day(3).unwrap();
    let to = first.with_day(9).unwrap();
    app.type_into("#usage-from", &from.format("%d%m%Y").to_string()).await;
    assert_eq!(app.value("#usage-from").await, ru(from));
    app.type_into("#usage-to", &ru(to)).await;
    app.click("#usage-show").await;
    wait_rows_within(&app, from, to).await;

    // The manual's year and month selectors set a whole month.
    app.choose("#usage-year", &first.year().to_string()).await;
    app.choose("#usage-month", &first.month().to_string()).await;
    app.wait_content("#usage-table tbody td:first-child", &ru(last)).await;
    wait_rows_within(&app, first, last).await;
    assert_eq!(app.value("#usage-from").await, ru(first));
    assert_eq!(app.value("#usage-to").await, ru(last));

    // In English the same dates read day first, as the tables do.
    app.choose("#lang-select", "en").await;
    assert_eq!(app.value("#usage-from").await, first.format("%d/%m/%Y").to_string());
    app.close().await;
}

#[tokio::test]
async fn a_refused_usage_period_leaves_no_old_results_under_the_error() {
    let app = App::launch().await;
    app.sign_in_demo().await;
    open_number(&app, "77010542007").await;
    app.click("#number-usage").await;
    app.wait_text("#usage-total", "Total").await;
    let (first, last) = kabinet_core::kz::last_month(Utc::now());

    // Reversed: said before asking the portal, and the old report is gone.
    app.type_into("#usage-from", &last.format("%d/%m/%Y").to_string()).await;
    app.type_into("#usage-to", &first.format("%d/%m/%Y").to_string()).await;
    app.click("#usage-show").await;
    app.wait_text("#usage-from-error", "The beginning of the period is after its end.").await;
    assert!(
        !present(&app, "#usage-total").await && !present(&app, "#usage-table").await,
        "old results under the error"
    );

    // Good again, then too long: the portal's rule, and again nothing old stays.
    app.type_into("#usage-from", &first.format("%d/%m/%Y").to_string()).await;
    app.type_into("#usage-to", &last.format("%d/%m/%Y").to_string()).await;
    app.click("#usage-show").await;
    app.find("#usage-table").await;
    let long = first - chrono::Duration::days(100);
    app.type_into("#usage-from", &long.format("%d/%m/%Y").to_string()).await;
    app.click("#usage-show").await;
    app.wait_text("#usage-status", "93 days").await;
    assert!(
        !present(&app, "#usage-total").await && !present(&app, "#usage-table").await,
        "old results under the error"
    );

    // Not a date: the field is named.
    app.type_into("#usage-to", "31/02/2026").await;
    app.click("#usage-show").await;
    app.wait_text("#usage-to-error", "End of period: enter a date as dd/mm/yyyy.").await;

    // "← Number profile" says where it goes; from the list's menu, "← Numbers" goes to the list.
    app.wait_text("#usage-back", "Number profile").await;
    app.click("#usage-back").await;
    app.find("#screen-number").await;
    app.click("#number-back").await;
    app.click("[data-msisdn='77010542007'] [data-testid=row-more]").await;
    app.click("#menu-usage").await;
    app.wait_text("#usage-back", "Numbers").await;
    app.click("#usage-back").await;
    app.find("#screen-home").await;
    app.close().await;
}

/// The six-digit code in the newest outbox message, once one arrives.
async fn code_from_outbox(app: &App) -> String {
    let text = app.wait_text("[data-testid=outbox-message] .body", "code is").await;
    text.split(|c: char| !c.is_ascii_digit()).find(|w| w.len() == 6).expect("a six-digit code").to_string()
}

#[tokio::test]
async fn empty_and_malformed_fields_are_refused_before_sending() {
    let app = App::launch().await;

    // Login: an empty password is named, and costs no attempt (the next wrong one leaves 4).
    app.type_into("#login-phone", "77010016515").await;
    app.click("#login-submit").await;
    app.wait_text("#login-password-error", "Enter your password.").await;
    app.type_into("#login-password", "Not-The-Password-1").await;
    app.click("#login-submit").await;
    app.wait_text("#login-error", "Attempts left before a 15-minute lock: 4").await;
    assert_eq!(app.value("#login-password").await, "", "the refused password stays in the field");
    app.click("#demo-fill").await;
    assert!(!app.find("#login-error").await.is_displayed().await.unwrap(), "the old error stays after Fill in");

    // Recovery: an empty code and a code with letters are named and use up none of the 3 tries.
    app.click("#login-forgot").await;
    app.find("#recovery-phone").await.clear().await.unwrap();
    app.click("#recovery-next").await;
    app.wait_text("#recovery-phone-error", "Enter the phone number.").await;
    app.type_into("#recovery-phone", "77010016515").await;
    app.click("#recovery-next").await;
    let code = code_from_outbox(&app).await;
    app.find("#recovery-code").await;
    app.click("#recovery-verify").await;
    app.wait_text("#recovery-code-error", "Enter the code you received.").await;
    app.type_into("#recovery-code", "12ab56").await;
    app.click("#recovery-verify").await;
    app.wait_text("#recovery-code-error", "The code is 6 digits").await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    app.type_into("#recovery-code", wrong).await;
    app.click("#recovery-verify").await;
    app.wait_text("#recovery-error", "Attempts left: 2").await;

    // The right code, then empty new passwords.
    app.type_into("#recovery-code", &code).await;
    app.click("#recovery-verify").await;
    app.find("#recovery-password").await;
    app.click("#recovery-submit").await;
    app.wait_text("#recovery-password-error", "Enter the new password.").await;
    app.type_into("#recovery-password", "Novyi-Parol-2027").await;
    app.click("#recovery-submit").await;
    app.wait_text("#recovery-confirmation-error", "Enter the new password again to confirm it.").await;
    app.type_into("#recovery-confirmation", "Novyi-Parol-2027").await;
    app.click("#recovery-submit").await;
    app.wait_text("#login-notice", "Your password is set").await;
    // The demo hint no longer offers the old password.
    let hint = app.wait_text("#demo-login", "the password you set").await;
    assert!(!hint.contains("Kabinet-2026"), "{hint}");

    // Profile: an empty current password is named, not called wrong.
    app.type_into("#login-password", "Novyi-Parol-2027").await;
    app.click("#login-submit").await;
    app.find("#screen-home").await;
    app.click("#nav-profile").await;
    app.type_into("#profile-new-password", "Tretii-Parol-2028").await;
    app.type_into("#profile-confirm-password", "Tretii-Parol-2028").await;
    app.click("#profile-save-password").await;
    app.wait_text("#profile-current-password-error", "Enter your current password.").await;

    // In Russian too.
    app.choose("#lang-select", "ru").await;
    app.wait_text("#profile-current-password-error", "Введите текущий пароль.").await;
    app.close().await;
}

/// The `top` of the element matching `css`, in CSS pixels.
async fn top(app: &App, css: &str) -> f64 {
    let script = "return document.querySelector(arguments[0]).getBoundingClientRect().top;";
    app.client.execute(script, vec![css.into()]).await.expect("a rect").as_f64().expect("a number")
}

#[tokio::test]
async fn leftovers_the_dialog_number_the_more_button_and_the_usage_headers() {
    let app = App::launch().await;
    app.client.set_window_rect(0, 0, 900, 600).await.expect("the minimum window size");
    app.find("#screen-login").await; // booted: its saved language is applied
    app.choose("#lang-select", "ru").await;
    app.sign_in_demo().await;

    // A Blocked / Debt number: its long hint goes under the row, the "⋯" stays beside Usage.
    app.choose("#numbers-state", "blocked_debt").await;
    app.wait_content("#numbers-viewport .vrow.data", "Заблокирован / Долг").await;
    app.click("#numbers-viewport .vrow.data").await;
    app.find("#block-hint").await;
    assert_eq!(
        top(&app, "#number-more").await,
        top(&app, "#number-usage").await,
        "the hint pushed ⋯ onto its own line"
    );
    app.click("#number-back").await;

    // The phone number in the Enable dialog does not break across lines.
    app.choose("#numbers-state", "").await;
    open_number(&app, "77010542007").await;
    app.click("[data-testid=available-service][data-service='landline-10'] button[data-service]").await;
    let message = app.wait_content("#confirm-dialog-message", "701").await;
    assert!(message.contains("+7\u{a0}701\u{a0}054\u{a0}20\u{a0}07"), "{message:?}");
    app.click("#confirm-dialog-cancel").await;

    // The usage table's number headers sit over their right-aligned figures.
    app.click("#number-usage").await;
    app.find("#usage-table").await;
    let script = "return [...document.querySelectorAll('#usage-table th')].map(th => getComputedStyle(th).textAlign);";
    let aligns = app.client.execute(script, vec![]).await.expect("styles");
    assert_eq!(aligns, serde_json::json!(["left", "left", "left", "right", "right"]));
    app.close().await;
}
