//! End to end, in the real window at its minimum size (900 × 600): SIM card replacement with a
//! wrong ICCID (the error shows by the field), then a right one, watched "in process" until the
//! SIM card section shows the new ICCID; a ban set and removed, seen in General information;
//! SIM replacement listed but disabled, saying why, on a blocked number (FAQ 8). Screenshots of
//! the dialogs in English and Russian; set `KABINET_E2E_SHOTS=<dir>` to keep them.

#![cfg(target_os = "linux")] // Xvfb + WebKitWebDriver: the end-to-end harness is Linux-only.

mod common;

use common::App;
use serde_json::Value;

/// Active, of the demo company; no ban on SMS / USSD control (seed).
const NUMBER: &str = "77012115526";
/// A valid ICCID (Luhn) that no demo number has, and the same with a wrong check digit.
const NEW_ICCID: &str = "89997020000000000007";
const WRONG_ICCID: &str = "89997020000000000006";

/// Whether the open dialog `css` fits the window (it may scroll inside, never off screen).
async fn assert_fits(app: &App, css: &str) {
    let script = "const r = document.querySelector(arguments[0]).getBoundingClientRect(); \
                  return r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight;";
    let fits = app.client.execute(script, vec![css.into()]).await.expect("measure the dialog");
    assert_eq!(fits, Value::Bool(true), "{css} does not fit the window");
}

#[tokio::test]
async fn replace_a_sim_with_a_wrong_then_a_right_iccid_and_watch_it_complete() {
    let app = App::launch().await;
    app.sign_in_demo().await;
    app.to_minimum_size().await;
    app.open_profile(NUMBER).await;

    app.more("sim-replace").await;
    app.wait_text("#sim-replace-dialog-subject", "+7 701 211 55 26").await;
    app.wait_text("#sim-replace-dialog", "back of the SIM card").await;
    // Empty: refused by the form, before core.
    app.click("#sim-replace-dialog-confirm").await;
    app.wait_text("#sim-replace-dialog-iccid-error", "Enter the number of the new SIM card").await;
    // A wrong check digit: core's check, shown under the field.
    app.type_into("#sim-replace-dialog-iccid", WRONG_ICCID).await;
    app.click("#sim-replace-dialog-confirm").await;
    app.wait_text("#sim-replace-dialog-iccid-error", "check digit (the last digit) does not match").await;
    assert_eq!(app.attribute("#sim-replace-dialog-iccid", "aria-invalid").await.as_deref(), Some("true"));
    assert_fits(&app, "#sim-replace-dialog").await;
    app.screenshot("sim-replace-en-error").await;

    app.type_into("#sim-replace-dialog-iccid", NEW_ICCID).await;
    app.click("#sim-replace-dialog-confirm").await;
    app.wait_text("#sim-replace-confirm-dialog", NEW_ICCID).await;
    app.wait_text("#sim-replace-confirm-dialog", "Are you sure you want to replace the SIM card").await;
    let focused = app.client.execute("return document.activeElement.id;", vec![]).await.unwrap();
    assert_eq!(focused, "sim-replace-confirm-dialog-cancel", "a destructive step starts on Cancel");
    assert_fits(&app, "#sim-replace-confirm-dialog").await;
    app.screenshot("sim-confirm-en").await;
    // Cancel goes back to the ICCID, kept; then confirm.
    app.click("#sim-replace-confirm-dialog-cancel").await;
    app.click("#sim-replace-dialog-confirm").await;
    app.click("#sim-replace-confirm-dialog-confirm").await;

    // In process (from the request the watcher follows), then the new SIM, without a reload.
    app.wait_text("#sim-replacement-status", "in process").await;
    app.wait_text("#sim-replacement-status", NEW_ICCID).await;
    app.screenshot("sim-in-process-en").await;
    app.wait_text("#sim-iccid", NEW_ICCID).await;
    assert!(!app.find("#sim-replacement-status").await.is_displayed().await.unwrap(), "no longer in process");

    // A blocked number lists SIM card replacement disabled, saying why.
    app.click("#number-back").await;
    app.type_into("#numbers-search", "0542006").await;
    app.wait_text("#numbers-count", "Numbers: 1").await;
    app.click("#numbers-viewport [data-msisdn='77010542006'] [data-testid=row-more]").await;
    app.wait_text("#menu-sim-replace", "Only for an active number").await;
    assert_eq!(app.attribute("#menu-sim-replace", "aria-disabled").await.as_deref(), Some("true"));
    app.screenshot("sim-disabled-en").await;
    app.click("#menu-sim-replace").await; // does nothing: no dialog opens
    assert!(app.client.find(fantoccini::Locator::Css("#sim-replace-dialog")).await.is_err());
    app.keep_screenshots();
    app.close().await;
}

#[tokio::test]
async fn set_and_remove_a_ban_and_see_it_in_general_information_in_english_and_russian() {
    let app = App::launch().await;
    app.sign_in_demo().await;
    app.to_minimum_size().await;
    app.open_profile(NUMBER).await;
    app.wait_text("#general-ban-sms_ussd", "Disconnected").await;

    app.more("ban-sms_ussd").await;
    app.wait_text("#ban-sms_ussd-dialog", "Ban on SMS / USSD control").await;
    app.wait_text("#ban-sms_ussd-dialog-subject", "+7 701 211 55 26").await;
    app.wait_text("#ban-sms_ussd-dialog", "No ban is set. Want to set a ban?").await;
    app.wait_text("#ban-sms_ussd-dialog-confirm", "SET").await;
    assert_fits(&app, "#ban-sms_ussd-dialog").await;
    app.screenshot("ban-set-en").await;
    app.click("#ban-sms_ussd-dialog-confirm").await;
    app.wait_text("#general-ban-sms_ussd", "Switched on").await;

    app.more("ban-sms_ussd").await;
    app.wait_text("#ban-sms_ussd-dialog", "A ban is set. Want to remove the ban?").await;
    app.wait_text("#ban-sms_ussd-dialog-confirm", "REMOVE").await;
    app.screenshot("ban-remove-en").await;
    app.click("#ban-sms_ussd-dialog-confirm").await;
    app.wait_text("#general-ban-sms_ussd", "Disconnected").await;

    // The dialogs in Russian, at the same size.
    app.choose("#lang-select", "ru").await;
    app.wait_text("#general-ban-sms_ussd", "Отключён").await;
    app.more("ban-mykcell_details").await;
    app.wait_text("#ban-mykcell_details-dialog", "Запрет установлен. Снять запрет?").await;
    assert_fits(&app, "#ban-mykcell_details-dialog").await;
    app.screenshot("ban-remove-ru").await;
    app.click("#ban-mykcell_details-dialog-cancel").await;
    app.more("sim-replace").await;
    app.type_into("#sim-replace-dialog-iccid", "123").await;
    app.click("#sim-replace-dialog-confirm").await;
    app.wait_text("#sim-replace-dialog-iccid-error", "19 или 20 цифр").await;
    assert_fits(&app, "#sim-replace-dialog").await;
    app.screenshot("sim-replace-ru-error").await;
    app.type_into("#sim-replace-dialog-iccid", NEW_ICCID).await;
    app.click("#sim-replace-dialog-confirm").await;
    app.wait_text("#sim-replace-confirm-dialog", "Вы уверены").await;
    assert_fits(&app, "#sim-replace-confirm-dialog").await;
    app.screenshot("sim-confirm-ru").await;
    app.click("#sim-replace-confirm-dialog-cancel").await;
    app.click("#sim-replace-dialog-cancel").await;
    app.keep_screenshots();
    app.close().await;
}
