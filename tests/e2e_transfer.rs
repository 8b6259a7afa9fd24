//! End to end, in the real window: the Balance transfer tab. Numbers are picked from the cached
//! list by typing (↓ and Enter), what the sender can give is shown under it, the same-number and
//! beyond-available refusals appear under their fields, a transfer asks first and then says both
//! new balances, the list shows them, and a number's "…" menu opens the tab with it as the
//! sender. Screenshots in English and Russian, at the default and the minimum size
//! (`KABINET_E2E_SHOTS=<dir>` keeps them).
//!
//! The manual's number 77010542007 owes 13 222 ₸ for past periods, more than its remaining
//! credit limit, so by the shared rule it can give nothing: it is the beyond-available case, and
//! the recipient of the transfer that succeeds (from 77012115526, which can give 3 750 ₸).

#![cfg(target_os = "linux")] // Xvfb + WebKitWebDriver: the end-to-end harness is Linux-only.

mod common;

use common::App;

const ARROW_DOWN: &str = "\u{E015}";
const ENTER: &str = "\u{E007}";

/// Whether the page scrolls sideways (the layout does not fit the window's width).
async fn scrolls_sideways(app: &App) -> bool {
    let script = "return document.documentElement.scrollWidth > document.documentElement.clientWidth;";
    app.client.execute(script, vec![]).await.expect("layout script").as_bool().unwrap_or(true)
}

/// Types part of a number into a picker, moves to the suggestion of `msisdn` with ↓ and picks
/// it with Enter, as a keyboard user does.
async fn pick(app: &App, picker: &str, typed: &str, msisdn: &str) {
    app.type_into(&format!("#transfer-{picker}"), typed).await;
    app.wait_visible(&format!("#transfer-{picker}-list [data-msisdn='{msisdn}']")).await;
    let input = app.find(&format!("#transfer-{picker}")).await;
    // The first suggestion is highlighted; ↓ goes on through the list, round to the first.
    while app.attribute(&format!("#transfer-{picker}-list [data-msisdn='{msisdn}']"), "aria-selected").await.as_deref()
        != Some("true")
    {
        input.send_keys(ARROW_DOWN).await.expect("arrow down");
    }
    input.send_keys(ENTER).await.expect("enter");
    assert_eq!(app.attribute(&format!("#transfer-{picker}"), "aria-expanded").await.as_deref(), Some("false"));
}

async fn amount(app: &App, tenge: &str, tiyn: &str) {
    app.type_into("#transfer-amount", tenge).await;
    if tiyn.is_empty() {
        app.find("#transfer-amount-tiyn").await.clear().await.expect("clear the tiyn");
    } else {
        app.type_into("#transfer-amount-tiyn", tiyn).await;
    }
}

#[tokio::test]
async fn a_transfer_between_two_numbers_updates_both_balances_and_refusals_show_under_their_fields() {
    let app = App::launch().await;
    app.sign_in_demo().await;
    // The list is synced once after sign-in: the pickers search the cached list.
    app.wait_content("#numbers-viewport .vrow.data", "+7 701 054 20 07").await;

    app.click("#tab-transfer").await;
    app.wait_text("#screen-transfer h1", "Balance transfer from one company number to another").await;
    assert_eq!(app.attribute("#tab-transfer", "aria-selected").await.as_deref(), Some("true"));

    // The manual's number can give nothing; the same number cannot be the recipient.
    pick(&app, "sender", "0542007", "77010542007").await;
    assert_eq!(app.value("#transfer-sender").await, "+7 701 054 20 07");
    app.wait_text("#transfer-sender-hint", "Can be transferred: 0.00 ₸").await;
    pick(&app, "recipient", "054 20 07", "77010542007").await;
    amount(&app, "10", "").await;
    app.click("#transfer-submit").await;
    app.wait_text("#transfer-recipient-error", "the same number").await;
    assert_eq!(app.attribute("#transfer-recipient", "aria-invalid").await.as_deref(), Some("true"));
    pick(&app, "recipient", "2115526", "77012115526").await;
    app.click("#transfer-submit").await;
    app.wait_text("#transfer-amount-error", "more than the sender can transfer (0.00 ₸)").await;
    assert!(app.find("#transfer-recipient-error").await.text().await.unwrap().is_empty(), "its error is gone");
    app.screenshot("transfer-refused-en").await;
    // A point or comma in the tenge box, or 100 tiyn, is refused under the field, never read as
    // another amount ("12,5" is not 125 ₸).
    for (tenge, tiyn) in [("12,5", ""), ("12.5", ""), ("1e3", ""), ("12", "100")] {
        amount(&app, tenge, tiyn).await;
        app.click("#transfer-submit").await;
        app.wait_text("#transfer-amount-error", "no points or commas").await;
        let asked =
            app.client.execute("return !!document.querySelector('dialog[open]');", vec![]).await.expect("script");
        assert_eq!(asked.as_bool(), Some(false), "no confirmation for {tenge},{tiyn}");
    }
    amount(&app, "0", "00").await;
    app.click("#transfer-submit").await;
    app.wait_text("#transfer-amount-error", "Enter an amount greater than 0").await;

    // 77012115526 gives 500,50 ₸ to the manual's number: asked first, then both balances said.
    pick(&app, "sender", "2115526", "77012115526").await;
    app.wait_text("#transfer-sender-hint", "Can be transferred: 3,750.00 ₸").await;
    app.type_into("#transfer-recipient", "0542").await;
    app.wait_visible("#transfer-recipient-list [data-msisdn='77010542006']").await;
    app.screenshot("transfer-suggestions-en").await;
    pick(&app, "recipient", "0542007", "77010542007").await;
    amount(&app, "500", "50").await;
    app.click("#transfer-submit").await;
    app.wait_text("#transfer-dialog", "Transfer 500.50 ₸ from +7 701 211 55 26 to +7 701 054 20 07?").await;
    app.screenshot("transfer-confirm-en").await;
    // Money leaves a number: the confirmation starts on Cancel, so Enter twice sends nothing.
    let focused = app.client.execute("return document.activeElement.id;", vec![]).await.expect("script");
    assert_eq!(focused.as_str(), Some("transfer-dialog-cancel"));
    app.click("#transfer-dialog-confirm").await;
    let done = app.wait_text("#transfer-result", "500.50 ₸ transferred").await;
    assert!(done.contains("+7 701 211 55 26: 3,249.50 ₸"), "{done}");
    assert!(done.contains("+7 701 054 20 07: 8,977.40 ₸"), "{done}");
    app.wait_text("#transfer-sender-hint", "Can be transferred: 3,249.50 ₸").await;
    assert_eq!(app.value("#transfer-amount").await, "", "the amount is cleared for the next one");
    app.screenshot("transfer-done-en").await;

    // The list shows both new balances.
    app.click("#tab-numbers").await;
    app.type_into("#numbers-search", "2115526").await;
    app.wait_content("#numbers-viewport [data-msisdn='77012115526']", "3,249.50 ₸").await;
    app.type_into("#numbers-search", "0542007").await;
    app.wait_content("#numbers-viewport [data-msisdn='77010542007']", "8,977.40 ₸").await;
    // And its profile.
    app.click("#numbers-viewport [data-msisdn='77010542007'] [data-testid=row-more]").await;
    app.click("#menu-profile").await;
    app.wait_text("#screen-number[data-msisdn='77010542007']", "8,977.40").await;

    // The profile's "…" menu of the manual's number (Active) offers the transfer with it as
    // the sender.
    app.more("transfer").await;
    app.wait_text("#screen-transfer h1", "Balance transfer").await;
    assert_eq!(app.value("#transfer-sender").await, "+7 701 054 20 07");
    app.wait_text("#transfer-sender-hint", "Can be transferred: 0.00 ₸").await;

    // From the list's row menu too, in Russian, at the default and the minimum size.
    app.click("#tab-numbers").await;
    app.type_into("#numbers-search", "2115526").await;
    app.click("#numbers-viewport [data-msisdn='77012115526'] [data-testid=row-more]").await;
    app.click("#menu-transfer").await;
    app.wait_text("#transfer-sender-hint", "3,249.50 ₸").await;
    app.choose("#lang-select", "ru").await;
    app.wait_text("#screen-transfer h1", "Перевод баланса с одного номера компании на другой").await;
    app.wait_text("#transfer-sender-hint", "249,50").await;
    pick(&app, "recipient", "2115526", "77012115526").await;
    amount(&app, "1", "00").await;
    app.click("#transfer-submit").await;
    app.wait_text("#transfer-recipient-error", "один и тот же номер").await;
    app.screenshot("transfer-ru").await;
    app.to_minimum_size().await;
    assert!(!scrolls_sideways(&app).await, "the tab fits the minimum width");
    app.screenshot("transfer-ru-min").await;
    app.choose("#lang-select", "en").await;
    app.wait_text("#screen-transfer h1", "Balance transfer from one company number to another").await;
    app.wait_text("#transfer-recipient-error", "the same number").await;
    app.wait_text("#transfer-sender-hint", "Can be transferred: 3,249.50 ₸").await;
    app.screenshot("transfer-en-min").await;
    app.keep_screenshots();
    app.close().await;
}
