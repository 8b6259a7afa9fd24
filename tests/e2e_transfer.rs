//! End to end, in the real window: the Balance transfer tab. Numbers are picked from the cached
//! list by typing (↓ and Enter), what the sender can give is shown under it, the same-number and
//! beyond-available refusals appear under their fields, a transfer asks first and then says both
//! new balances, the list shows them, and a number's "…" menu opens the tab with it as the
//! sender. A Blocked sender is told why it cannot give, and its menus list the transfer disabled
//! with that reason. In the confirmation a second Enter does nothing, however fast it comes, and
//! a slow portal's answer is awaited with "Sending…". Screenshots in English and Russian, at the
//! default and the minimum size (`KABINET_E2E_SHOTS=<dir>` keeps them).
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

/// Whether the focus is on the transfer confirmation's question (not on one of its buttons).
async fn question_focused(app: &App) -> bool {
    let script = "const a = document.activeElement; return a.matches('#transfer-dialog .message');";
    app.client.execute(script, vec![]).await.expect("script").as_bool() == Some(true)
}

/// Presses Enter on whatever has the focus, as a keyboard does.
async fn press_enter(app: &App) {
    use fantoccini::actions::{InputSource, KeyAction, KeyActions};
    let enter = ENTER.chars().next().expect("a key");
    let keys =
        KeyActions::new("keyboard".into()).then(KeyAction::Down { value: enter }).then(KeyAction::Up { value: enter });
    app.client.perform_actions(keys).await.expect("press Enter");
}

/// Whether the transfer confirmation is open.
async fn asking(app: &App) -> bool {
    let script = "return !!document.querySelector('#transfer-dialog[open]');";
    app.client.execute(script, vec![]).await.expect("script").as_bool() == Some(true)
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
    // The phone numbers never break across lines (no-break spaces inside them).
    let unbroken = "return document.querySelector('#transfer-dialog .message').textContent.includes('+7\\u00a0701\\u00a0211\\u00a055\\u00a026');";
    let unbroken = app.client.execute(unbroken, vec![]).await.expect("read the question");
    assert_eq!(unbroken, serde_json::Value::Bool(true), "the sender's number is written with no-break spaces");
    // Money leaves a number: the confirmation starts on its question, where Enter does nothing.
    assert!(question_focused(&app).await, "the focus starts on the question");
    app.click("#transfer-dialog-confirm").await;
    let done = app.wait_text("#transfer-result", "500.50 ₸ transferred").await;
    let unbroken = "return document.getElementById('transfer-result').textContent.includes('+7\\u00a0701\\u00a0054\\u00a020\\u00a007');";
    let unbroken = app.client.execute(unbroken, vec![]).await.expect("read the result");
    assert_eq!(unbroken, serde_json::Value::Bool(true), "the recipient's number is written with no-break spaces");
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

/// The number of transfers the portal has made (read from its own database).
async fn portal_transfers(dir: &std::path::Path) -> i64 {
    use sqlx::Connection;
    let url = format!("sqlite://{}?mode=ro", dir.join("portal.sqlite").display());
    let mut db = sqlx::SqliteConnection::connect(&url).await.expect("the portal's database opens");
    let n = sqlx::query_scalar("SELECT COUNT(*) FROM transfers").fetch_one(&mut db).await.expect("transfers");
    let _ = db.close().await;
    n
}

#[tokio::test]
async fn a_blocked_sender_says_why_a_second_enter_does_nothing_and_a_slow_answer_shows_sending() {
    let (portal, portal_dir) = common::own_portal().await;
    let app = App::launch().await;
    app.use_portal(&portal.url()).await;
    app.sign_in_demo().await;
    app.wait_content("#numbers-viewport .vrow.data", "+7 701 054 20 06").await;

    // The manual's Blocked number: its menu lists Balance transfer, disabled, saying why.
    app.type_into("#numbers-search", "0542006").await;
    app.click("#numbers-viewport [data-msisdn='77010542006'] [data-testid=row-more]").await;
    app.wait_visible("#menu-transfer").await;
    assert_eq!(app.attribute("#menu-transfer", "aria-disabled").await.as_deref(), Some("true"));
    app.wait_text("#menu-transfer", "Only an active number can transfer its balance").await;
    app.screenshot("transfer-menu-blocked-en").await;
    app.click("#company-title").await; // closes the menu

    // Chosen as the sender, it says the rule, not "Can be transferred: 0.00 ₸".
    app.click("#tab-transfer").await;
    pick(&app, "sender", "0542006", "77010542006").await;
    app.wait_text("#transfer-sender-error", "Only an active number can transfer its balance").await;
    assert_eq!(app.find("#transfer-sender-hint").await.text().await.unwrap(), "", "no amount shown");
    app.screenshot("transfer-blocked-sender-en").await;

    // Enter sends the form and opens the confirmation; a second Enter right behind it, and
    // another once it is open, do nothing: it stays open, and nothing is sent.
    pick(&app, "sender", "2115526", "77012115526").await;
    app.wait_text("#transfer-sender-hint", "Can be transferred: 3,750.00 ₸").await;
    pick(&app, "recipient", "0542007", "77010542007").await;
    app.type_into("#transfer-amount", "100").await;
    let tiyn = app.find("#transfer-amount-tiyn").await;
    tiyn.send_keys(&format!("50{ENTER}{ENTER}")).await.expect("Enter twice");
    app.wait_text("#transfer-dialog", "Transfer 100.50 ₸ from +7 701 211 55 26 to +7 701 054 20 07?").await;
    for _ in 0..2 {
        tokio::time::sleep(std::time::Duration::from_millis(400)).await;
        assert!(asking(&app).await, "the confirmation is still open");
        assert!(question_focused(&app).await, "the focus is on its question");
        press_enter(&app).await;
    }
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    assert!(asking(&app).await, "Enter never closes the confirmation");
    assert_eq!(portal_transfers(portal_dir.path()).await, 0, "nor sends anything");

    // The portal answers 2.5 s late: Transfer says "Sending…" and neither button acts meanwhile.
    common::delay_answers(&portal, Some(2_500)).await;
    app.click("#transfer-dialog-confirm").await;
    app.wait_content("#transfer-dialog-confirm", "Sending…").await;
    assert!(!app.find("#transfer-dialog-confirm").await.is_enabled().await.unwrap());
    assert!(!app.find("#transfer-dialog-cancel").await.is_enabled().await.unwrap());
    app.screenshot("transfer-sending-en").await;
    app.choose("#lang-select", "ru").await;
    app.wait_content("#transfer-dialog-confirm", "Отправка…").await;
    app.screenshot("transfer-sending-ru").await;
    app.wait_text("#transfer-result", "Переведено 100,50").await;
    assert!(!asking(&app).await, "closed once the answer came");
    common::delay_answers(&portal, None).await;
    assert_eq!(portal_transfers(portal_dir.path()).await, 1, "the transfer was made once");

    // In Russian at the minimum size: the Blocked sender's reason.
    app.to_minimum_size().await;
    pick(&app, "sender", "0542006", "77010542006").await;
    app.wait_text("#transfer-sender-error", "Переводить баланс может только активный номер").await;
    app.screenshot("transfer-blocked-sender-ru-min").await;
    app.keep_screenshots();
    app.close().await;
    portal.shutdown().await;
}
