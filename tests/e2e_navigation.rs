//! End to end, in the real app window: Back and Forward (the top bar's arrows and Alt+←),
//! through the list, a number's profile and its usage; and an argument the UI sends badly is
//! answered `invalid_input` naming the field, never `internal`.

#![cfg(target_os = "linux")] // Xvfb + WebKitWebDriver: the end-to-end harness is Linux-only.

mod common;

use common::App;

async fn open_manual_number(app: &App) {
    app.sign_in_demo().await;
    app.type_into("#numbers-search", "0542").await;
    app.wait_text("#numbers-count", "Numbers: 2").await;
    app.click("[data-msisdn='77010542007']").await;
    app.wait_text("#number-title", "+7 701 054 20 07").await;
}

#[tokio::test]
async fn back_and_forward_move_through_the_screens_seen() {
    let app = App::launch().await;
    open_manual_number(&app).await;
    app.click("#number-usage").await;
    app.find("#screen-usage").await;
    // The usage screen's own back button leads where the user came from: the profile.
    app.wait_text("#usage-back", "Number profile").await;
    app.click("#usage-back").await;
    app.wait_text("#number-title", "+7 701 054 20 07").await;
    app.click("#nav-back").await;
    app.find("#screen-home").await;
    app.click("#nav-forward").await;
    app.wait_text("#number-title", "+7 701 054 20 07").await;
    app.click("#nav-forward").await;
    app.find("#screen-usage").await;
    // Alt+← is Back, as in a browser.
    let alt_left =
        "document.dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowLeft', altKey: true, bubbles: true}));";
    app.client.execute(alt_left, vec![]).await.unwrap();
    app.wait_text("#number-title", "+7 701 054 20 07").await;
    // Going somewhere new drops what was ahead.
    app.click("#number-back").await;
    app.find("#screen-home").await;
    let forward_disabled = "return document.getElementById('nav-forward').disabled;";
    assert_eq!(app.client.execute(forward_disabled, vec![]).await.unwrap(), serde_json::json!(false));
    app.click("#nav-profile").await;
    assert_eq!(app.client.execute(forward_disabled, vec![]).await.unwrap(), serde_json::json!(true));
    app.close().await;
}

#[tokio::test]
async fn an_argument_the_ui_sends_badly_is_invalid_input_naming_the_field() {
    let app = App::launch().await;
    app.sign_in_demo().await;
    let script = "const { api } = await import('./js/api.js'); \
                  try { await api.usage_report({ msisdn: '77010542007', from: '', to: '2026-10-01', kind: 'all' }); \
                        return 'accepted'; } catch (e) { return e; }";
    let call = format!("return (async () => {{ {script} }})();");
    let err = app.client.execute(&call, vec![]).await.unwrap();
    assert_eq!(err["code"], "invalid_input", "{err}");
    assert_eq!(err["field"], "from", "{err}");
    app.close().await;
}
