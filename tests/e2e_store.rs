//! End to end, in the real window: the UI's state and texts (ui/js/store.js, i18n.js).
//! - A language switch rewrites every visible text in place, the top bar, the list behind a
//!   dialog and the open dialog alike, with none left in the old language (every text of the
//!   old language's locale file is looked for on screen), and the screens stay as they were
//!   (the same list with its keyboard row, the same profile with its open dialog): texts are
//!   bound once and rewritten by the one listener, no screen is drawn again by hand.
//! - A company switch in the top bar shows the new company's list and starts a new history;
//!   a company's new display name reaches the top bar and the list (both follow the store).
//!
//! Screenshots in English and Russian, at the default and the minimum size
//! (`KABINET_E2E_SHOTS=<dir>` keeps them).

#![cfg(target_os = "linux")] // Xvfb + WebKitWebDriver: the end-to-end harness is Linux-only.

mod common;

use common::App;
use fantoccini::key::Key;

/// Every visible text of the window (text, title, aria-label, placeholder, a select's chosen
/// option; the demo outbox, which shows what the portal sent, left out) that still contains a
/// text of the locale `arguments[0]` which the other locale writes differently: one line each.
const LEFT_IN: &str = r##"
const [old, now] = [arguments[0], arguments[0] === "en" ? "ru" : "en"];
const done = arguments[arguments.length - 1];
const load = (lang) => import(new URL(`js/locales/${lang}.js`, document.baseURI).href).then((m) => m[lang]);
Promise.all([load(old), load(now)]).then(([before, after]) => {
  const inNew = Object.values(after).join("\n");
  // The old language's texts, cut at their placeholders: the parts with words in them.
  const parts = new Set();
  for (const [key, text] of Object.entries(before)) {
    if (after[key] === text) continue;
    for (const part of text.split(/\{\w+\}/)) {
      const p = part.trim();
      if (p.length >= 4 && /\p{L}{3}/u.test(p) && !inNew.includes(p)) parts.add(p);
    }
  }
  const seen = [];
  const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden" && !el.closest("#outbox");
  for (const el of document.body.querySelectorAll("*")) {
    if (!visible(el) || ["SCRIPT", "STYLE", "OPTION"].includes(el.tagName)) continue;
    const own = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join("").trim();
    if (own) seen.push([el, own]);
    for (const attr of ["title", "aria-label", "placeholder"]) if (el.getAttribute(attr)) seen.push([el, el.getAttribute(attr)]);
    if (el.tagName === "SELECT" && el.selectedOptions[0]) seen.push([el, el.selectedOptions[0].textContent]);
  }
  const left = [];
  for (const [el, text] of seen) {
    for (const p of parts) if (text.includes(p)) left.push(`${el.tagName}#${el.id || "?"}.${el.className || ""}: "${text}" has "${p}"`);
  }
  done(left.join("\n"));
}).catch((e) => done(`locale files not read: ${e}`));
"##;

/// Fails with what is still written in `old` on screen.
async fn none_left_in(app: &App, old: &str) {
    let left = app.client.execute_async(LEFT_IN, vec![old.into()]).await.expect("the texts on screen");
    assert_eq!(left.as_str(), Some(""), "still in {old}:\n{}", left.as_str().unwrap_or_default());
}

/// Runs `script` in the window and returns its answer.
async fn run(app: &App, script: &str) -> serde_json::Value {
    app.client.execute(script, vec![]).await.expect("a script in the window")
}

/// The balance shown on the list's first row.
async fn balance(app: &App) -> String {
    let script = "return [...document.querySelectorAll(\"#numbers-viewport .vrow.data[data-index='0'] .num\")].pop().textContent;";
    run(app, script).await.as_str().expect("the first row's balance").to_string()
}

#[tokio::test]
async fn a_language_switch_rewrites_the_list_and_an_open_dialog_in_place() {
    let app = App::launch().await;
    app.sign_in_demo().await;
    app.find("#numbers-viewport .vrow.data .state-active").await;
    // The keyboard's row on the list (the second), and the list element itself, marked.
    let viewport = app.find("#numbers-viewport").await;
    let down: char = Key::Down.into();
    viewport.send_keys(&format!("{down}{down}")).await.expect("arrow keys");
    app.find("#numbers-viewport .vrow.data[data-index='1'][aria-selected=true]").await;
    run(&app, "window.__list = document.getElementById('screen-home');").await;
    let balance_en = balance(&app).await;
    assert!(balance_en.contains('.'), "English money: {balance_en}");

    // Block's question over the list, from an Active number's row menu.
    let msisdn = run(
        &app,
        "return document.querySelector('#numbers-viewport .vrow.data .state-active').closest('.vrow').dataset.msisdn;",
    )
    .await;
    let msisdn = msisdn.as_str().expect("an Active number");
    app.click(&format!("#numbers-viewport [data-msisdn='{msisdn}'] [data-testid=row-more]")).await;
    app.click("#menu-block").await;
    app.wait_text("#confirm-dialog-title", "Block").await;
    app.screenshot("store-dialog-en").await;

    app.choose("#lang-select", "ru").await;
    app.wait_text("#confirm-dialog-title", "Блокировка").await;
    app.wait_text("#connection", "В сети").await;
    none_left_in(&app, "en").await;
    // The check finds what is there: the Russian texts on screen now.
    let found = app.client.execute_async(LEFT_IN, vec!["ru".into()]).await.expect("the texts on screen");
    let found = found.as_str().unwrap_or_default();
    assert!(found.lines().count() > 20 && found.contains("confirm-dialog-title"), "the check sees the texts: {found}");
    let balance_ru = balance(&app).await;
    assert!(balance_ru.contains(','), "Russian money: {balance_ru}");
    // The same list, not drawn again: its keyboard row is where it was.
    assert_eq!(
        run(&app, "return window.__list === document.getElementById('screen-home');").await,
        true,
        "the list was drawn again"
    );
    app.find("#numbers-viewport .vrow.data[data-index='1'][aria-selected=true]").await;
    app.screenshot("store-dialog-ru").await;
    app.to_minimum_size().await;
    app.screenshot("store-dialog-ru-min").await;

    app.choose("#lang-select", "en").await;
    app.wait_text("#confirm-dialog-title", "Block").await;
    none_left_in(&app, "ru").await;
    app.screenshot("store-dialog-en-min").await;
    app.click("#confirm-dialog-cancel").await;
    app.keep_screenshots();
    app.close().await;
}

#[tokio::test]
async fn a_language_switch_keeps_the_profile_and_rewrites_its_question() {
    let app = App::launch().await;
    app.sign_in_demo().await;
    app.open_profile("77010542007").await;
    app.find("#number-services [data-testid=available-service]").await;
    run(&app, "window.__profile = document.getElementById('screen-number');").await;
    app.click("[data-testid=available-service][data-service='landline-10'] button[data-service]").await;
    app.wait_text("#confirm-dialog-message", "149.00 ₸").await;
    app.screenshot("store-profile-en").await;

    app.choose("#lang-select", "ru").await;
    // The question names the service and its cost in the new language, figures included.
    app.wait_text("#confirm-dialog-message", "149,00").await;
    app.wait_text("#number-balance", "8 476,90").await;
    none_left_in(&app, "en").await;
    assert_eq!(
        run(&app, "return window.__profile === document.getElementById('screen-number');").await,
        true,
        "the profile was drawn again"
    );
    app.screenshot("store-profile-ru").await;

    app.to_minimum_size().await;
    app.screenshot("store-profile-ru-min").await;

    app.choose("#lang-select", "en").await;
    app.wait_text("#confirm-dialog-message", "149.00 ₸").await;
    none_left_in(&app, "ru").await;
    app.screenshot("store-profile-en-min").await;
    app.click("#confirm-dialog-cancel").await;

    // The device registration screen: its statuses and dates follow the language in place too.
    app.more("devices").await;
    app.find("#screen-devices #devices-history").await;
    run(&app, "window.__devices = document.getElementById('screen-devices');").await;
    app.choose("#lang-select", "ru").await;
    app.wait_text("#screen-devices h1", "Регистрация устройства").await;
    none_left_in(&app, "en").await;
    assert_eq!(
        run(&app, "return window.__devices === document.getElementById('screen-devices');").await,
        true,
        "the screen was drawn again"
    );
    app.screenshot("store-devices-ru-min").await;
    app.keep_screenshots();
    app.close().await;
}

#[tokio::test]
async fn a_company_switch_shows_its_list_and_a_new_name_reaches_the_top_bar() {
    let app = App::launch().await;
    app.sign_in_demo().await;
    app.wait_text("#company-title", "ТОО Кабинет").await;
    app.open_profile("77010542007").await;

    // From a number of company 1, to company 2: its list, and no way back to the old number.
    app.choose("#company-select", "2").await;
    app.find("#screen-home[data-company-id='2']").await;
    app.wait_text("#company-title", "Филиал ТОО Кабинет").await;
    app.find("#numbers-viewport .vrow.data").await;
    assert_eq!(app.value("#company-select").await, "2");
    assert_eq!(
        app.attribute("#nav-back", "disabled").await.as_deref(),
        Some("true"),
        "Back leads to no old company's screen"
    );
    app.screenshot("store-company-en").await;

    // A new display name in My Companies: the top bar and the list say it.
    app.click("#nav-profile").await;
    app.click("#tab-companies").await;
    app.type_into("#companies-table input[data-company-id='2']", "Филиал Север").await;
    app.click("#companies-table tbody tr:nth-child(2) button[type=submit]").await;
    app.wait_text("#companies-table tbody tr:nth-child(2) [role=status]", "Saved").await;
    app.wait_content("#company-select option[value='2']", "Филиал Север").await;
    app.click("#main-tabs [data-tab=home]").await;
    app.wait_text("#company-title", "Филиал Север").await;
    assert_eq!(app.value("#company-select").await, "2", "the chosen company stays");

    app.choose("#lang-select", "ru").await;
    none_left_in(&app, "en").await;
    app.screenshot("store-company-ru").await;
    app.keep_screenshots();
    app.close().await;
}
