//! End to end, in the real window: every form says what is wrong UNDER the field that is wrong,
//! with that field marked `aria-invalid="true"` and naming the error (`aria-describedby`), the
//! same way everywhere (ui/js/form.js is the one form module): sign-in and recovery, the
//! profile's e-mail and password, the usage period, the dialogs of a number's actions (SIM
//! replacement, call forwarding, payments report, device re-registration), the transfer form
//! and the report forms of Documents. An error shown stays in the language chosen after it.
//! Recovery with a number written `8 701 …` comes back to the sign-in with the number as core
//! read it (one rule for written numbers, never a second one in the window).
//!
//! Screenshots in English and Russian, at the default and the minimum size
//! (`KABINET_E2E_SHOTS=<dir>` keeps them).

#![cfg(target_os = "linux")] // Xvfb + WebKitWebDriver: the end-to-end harness is Linux-only.

mod common;

use common::App;

/// Waits for the error of field `input` (an element id) to say `needle`, then checks that it is
/// that field's own: shown, below the input in the same `.field`, named by the input's
/// `aria-describedby`, and the input marked `aria-invalid="true"`.
async fn error_under(app: &App, input: &str, needle: &str) {
    app.wait_text(&format!("#{input}-error"), needle).await;
    let script =
        "const i = document.getElementById(arguments[0]); const e = document.getElementById(arguments[0] + '-error'); \
                  const field = i.closest('.field'); \
                  return [i.getAttribute('aria-invalid'), !e.hidden && e.getClientRects().length > 0, \
                          (i.getAttribute('aria-describedby') || '').split(' ').includes(e.id), \
                          field !== null && field.contains(e), \
                          i.getBoundingClientRect().bottom <= e.getBoundingClientRect().top + 1];";
    let seen = app.client.execute(script, vec![input.into()]).await.expect("the field's error");
    assert_eq!(
        seen,
        serde_json::json!(["true", true, true, true, true]),
        "#{input}: [aria-invalid, error shown, described by it, in its field, under it]"
    );
}

/// Whether field `input` is marked invalid now.
async fn invalid(app: &App, input: &str) -> bool {
    app.attribute(&format!("#{input}"), "aria-invalid").await.as_deref() == Some("true")
}

/// The six-digit code in the newest outbox message, once one arrives.
async fn code_from_outbox(app: &App) -> String {
    let text = app.wait_text("[data-testid=outbox-message] .body", "code is").await;
    text.split(|c: char| !c.is_ascii_digit()).find(|w| w.len() == 6).expect("a six-digit code").to_string()
}

#[tokio::test]
async fn sign_in_and_recovery_say_each_wrong_field_under_it() {
    let app = App::launch().await;
    app.click("#login-submit").await;
    error_under(&app, "login-phone", "Enter the phone number.").await;
    assert!(invalid(&app, "login-password").await, "every empty field is marked at once");
    app.type_into("#login-phone", "77010016515").await;
    app.click("#login-submit").await;
    error_under(&app, "login-password", "Enter your password.").await;
    assert!(!invalid(&app, "login-phone").await, "a field put right is no longer marked");
    app.screenshot("forms-login-en").await;
    app.choose("#lang-select", "ru").await;
    error_under(&app, "login-password", "Введите пароль.").await;
    app.screenshot("forms-login-ru").await;
    app.to_minimum_size().await;
    app.screenshot("forms-login-ru-min").await;
    app.choose("#lang-select", "en").await;
    app.screenshot("forms-login-en-min").await;

    // Recovery, each of its three steps.
    app.click("#login-forgot").await;
    app.find("#recovery-phone").await.clear().await.expect("empty the phone");
    app.click("#recovery-next").await;
    error_under(&app, "recovery-phone", "Enter the phone number.").await;
    // Written as people do, with the trunk 8: core reads it, the window does not.
    app.type_into("#recovery-phone", "8 701 001 65 15").await;
    app.click("#recovery-next").await;
    let code = code_from_outbox(&app).await;
    app.find("#recovery-code").await;
    app.click("#recovery-verify").await;
    error_under(&app, "recovery-code", "Enter the code you received.").await;
    app.type_into("#recovery-code", "12ab56").await;
    app.click("#recovery-verify").await;
    error_under(&app, "recovery-code", "The code is 6 digits").await;
    app.screenshot("forms-recovery-code-en-min").await;
    app.type_into("#recovery-code", &code).await;
    app.click("#recovery-verify").await;
    app.find("#recovery-password").await;
    app.click("#recovery-submit").await;
    error_under(&app, "recovery-password", "Enter the new password.").await;
    error_under(&app, "recovery-confirmation", "Enter the new password again to confirm it.").await;
    app.choose("#lang-select", "ru").await;
    error_under(&app, "recovery-confirmation", "Повторите новый пароль").await;
    app.screenshot("forms-recovery-password-ru-min").await;
    app.choose("#lang-select", "en").await;
    app.type_into("#recovery-password", "Novyi-Parol-2027").await;
    app.type_into("#recovery-confirmation", "Novyi-Parol-2027").await;
    app.click("#recovery-submit").await;
    app.wait_text("#login-notice", "Your password is set").await;
    // Back at sign-in with the number core read ("8 701 …" is 77010016515), so the demo hint
    // knows its password was changed.
    assert_eq!(app.value("#login-phone").await, "77010016515");
    let hint = app.wait_text("#demo-login", "the password you set").await;
    assert!(!hint.contains("Kabinet-2026"), "{hint}");
    app.keep_screenshots();
    app.close().await;
}

#[tokio::test]
async fn the_profile_and_usage_forms_say_each_wrong_field_under_it() {
    let app = App::launch().await;
    app.sign_in_demo().await;
    app.click("#nav-profile").await;
    app.find("#profile-email").await.clear().await.expect("empty the e-mail");
    app.click("#profile-save-email").await;
    error_under(&app, "profile-email", "Enter the e-mail address.").await;
    app.type_into("#profile-email", "not-an-address").await;
    app.click("#profile-save-email").await;
    error_under(&app, "profile-email", "e-mail").await;

    app.type_into("#profile-new-password", "Tretii-Parol-2028").await;
    app.click("#profile-save-password").await;
    error_under(&app, "profile-current-password", "Enter your current password.").await;
    error_under(&app, "profile-confirm-password", "Enter the new password again to confirm it.").await;
    assert!(!invalid(&app, "profile-new-password").await);
    app.screenshot("forms-profile-en").await;
    app.choose("#lang-select", "ru").await;
    error_under(&app, "profile-current-password", "Введите текущий пароль.").await;
    app.screenshot("forms-profile-ru").await;
    app.to_minimum_size().await;
    app.screenshot("forms-profile-ru-min").await;
    app.choose("#lang-select", "en").await;

    // The usage period: reversed, then not a date.
    app.click("#tab-numbers").await;
    app.open_profile("77010542007").await;
    app.click("#number-usage").await;
    app.wait_text("#usage-total", "Total").await;
    app.type_into("#usage-from", "20/02/2026").await;
    app.type_into("#usage-to", "10/02/2026").await;
    app.click("#usage-show").await;
    error_under(&app, "usage-from", "The beginning of the period is after its end.").await;
    app.type_into("#usage-to", "31/02/2026").await;
    app.click("#usage-show").await;
    error_under(&app, "usage-to", "End of period: enter a date as dd/mm/yyyy.").await;
    app.screenshot("forms-usage-en-min").await;
    app.choose("#lang-select", "ru").await;
    error_under(&app, "usage-to", "Конец периода").await;
    app.screenshot("forms-usage-ru-min").await;
    app.keep_screenshots();
    app.close().await;
}

#[tokio::test]
async fn the_dialogs_of_a_numbers_actions_say_each_wrong_field_under_it() {
    let app = App::launch().await;
    app.sign_in_demo().await;
    app.open_profile("77012115526").await;

    app.more("sim-replace").await;
    app.click("#sim-replace-dialog-confirm").await;
    error_under(&app, "sim-replace-dialog-iccid", "Enter the number of the new SIM card").await;
    app.type_into("#sim-replace-dialog-iccid", "12").await;
    app.click("#sim-replace-dialog-confirm").await;
    error_under(&app, "sim-replace-dialog-iccid", "19 or 20 digits").await;
    app.screenshot("forms-sim-en").await;
    app.click("#sim-replace-dialog-cancel").await;

    app.more("forwarding").await;
    app.type_into("#forwarding-dialog-busy", "12345").await;
    app.click("#forwarding-dialog-confirm").await;
    error_under(&app, "forwarding-dialog-busy", "Enter a Kazakh mobile or landline number").await;
    app.click("#forwarding-dialog-cancel").await;

    app.more("payments").await;
    app.find("#payments-dialog-email").await.clear().await.expect("empty the e-mail");
    app.click("#payments-dialog-confirm").await;
    error_under(&app, "payments-dialog-email", "Enter the e-mail address.").await;
    app.to_minimum_size().await;
    app.screenshot("forms-payments-en-min").await;
    app.choose("#lang-select", "ru").await;
    error_under(&app, "payments-dialog-email", "Введите адрес e-mail.").await;
    app.screenshot("forms-payments-ru-min").await;
    app.click("#payments-dialog-cancel").await;
    app.choose("#lang-select", "en").await;

    // The devices' re-registration asks for the previous owner's number and IIN/BIN.
    app.click("#tab-numbers").await;
    app.search_one("77010600074", "77010600074").await;
    app.click("#numbers-viewport [data-msisdn='77010600074'] [data-testid=row-more]").await;
    app.click("#menu-devices").await;
    app.click("#devices-reregister").await;
    app.click("#device-terms-dialog-confirm").await;
    app.type_into("#device-reregister-dialog-previous_owner_msisdn", "7701").await;
    app.type_into("#device-reregister-dialog-previous_owner_iin", "921029350851").await;
    app.click("#device-reregister-dialog-confirm").await;
    error_under(&app, "device-reregister-dialog-previous_owner_msisdn", "11 digits").await;
    app.keep_screenshots();
    app.close().await;
}

/// Types an amount into the transfer's two boxes.
async fn amount(app: &App, tenge: &str, tiyn: &str) {
    for (css, text) in [("#transfer-amount", tenge), ("#transfer-amount-tiyn", tiyn)] {
        let input = app.wait_visible(css).await;
        input.clear().await.expect("empty the box");
        if !text.is_empty() {
            input.send_keys(text).await.expect("type the amount");
        }
    }
}

#[tokio::test]
async fn the_transfer_form_says_each_wrong_field_under_it() {
    let app = App::launch().await;
    app.sign_in_demo().await;
    app.wait_content("#numbers-viewport .vrow.data", "+7 701 054 20 07").await;
    app.click("#tab-transfer").await;
    app.click("#transfer-submit").await;
    error_under(&app, "transfer-sender", "Choose a number of the company").await;
    error_under(&app, "transfer-recipient", "Choose a number of the company").await;
    error_under(&app, "transfer-amount", "Enter the amount in digits").await;
    app.screenshot("forms-transfer-en").await;

    // Typed numbers are read by core: a wrong one is named under its field.
    app.type_into("#transfer-sender", "+7 701 211 55 26").await;
    app.type_into("#transfer-recipient", "+7 701 211 55 26").await;
    amount(&app, "12,5", "").await;
    app.click("#transfer-submit").await;
    error_under(&app, "transfer-amount", "no points or commas").await;
    assert!(!invalid(&app, "transfer-sender").await && !invalid(&app, "transfer-recipient").await);
    amount(&app, "10", "").await;
    app.click("#transfer-submit").await;
    error_under(&app, "transfer-recipient", "the same number").await;
    app.type_into("#transfer-recipient", "7701a").await;
    app.click("#transfer-submit").await;
    error_under(&app, "transfer-recipient", "77010016515").await;
    app.choose("#lang-select", "ru").await;
    error_under(&app, "transfer-recipient", "77010016515").await;
    app.wait_text("#transfer-recipient-error", "Введите").await;
    app.screenshot("forms-transfer-ru").await;
    app.to_minimum_size().await;
    app.screenshot("forms-transfer-ru-min").await;
    app.choose("#lang-select", "en").await;
    app.screenshot("forms-transfer-en-min").await;
    app.keep_screenshots();
    app.close().await;
}

#[tokio::test]
async fn the_report_forms_say_each_wrong_field_under_it() {
    let app = App::launch().await;
    app.sign_in_demo().await;
    app.click("#tab-documents").await;
    app.find("#screen-documents").await;

    app.click("#subtab-numbers_report").await;
    app.type_into("#numbers-report-form-email", "@").await;
    app.click("#numbers-report-form-submit").await;
    error_under(&app, "numbers-report-form-email", "e-mail").await;

    app.click("#subtab-certificate").await;
    app.click("#certificate-by-number").await;
    app.click("#certificate-pdf").await;
    error_under(&app, "certificate-form-msisdn", "Enter the phone number").await;

    app.click("#subtab-reconciliation").await;
    app.type_into("#reconciliation-report-form-from", "01/01/2000").await;
    app.click("#reconciliation-report-form-submit").await;
    error_under(&app, "reconciliation-report-form-from", "last 12 months").await;

    app.click("#subtab-invoice_search").await;
    app.type_into("#invoice-search-form-number", "123").await;
    app.click("#invoice-search-form-submit").await;
    error_under(&app, "invoice-search-form-number", "characters").await;

    app.click("#subtab-actions_history").await;
    app.type_into("#actions-history-form-from", "01/01/2000").await;
    app.click("#actions-history-form-submit").await;
    error_under(&app, "actions-history-form-from", "last twelve months").await;
    app.keep_screenshots();
    app.close().await;
}
