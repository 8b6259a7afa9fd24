//! End to end, in the real app window on the embedded demo portal: signing in, switching
//! companies, a wrong password, and password recovery with the code read from the outbox.

#![cfg(target_os = "linux")] // Xvfb + WebKitWebDriver: the end-to-end harness is Linux-only.

mod common;

use common::App;

#[tokio::test]
async fn new_user_signs_in_sees_both_companies_and_switches() {
    let app = App::launch().await;
    app.wait_text("#demo-login", "77010016515").await;
    app.sign_in_demo().await;

    let options = app.wait_text("#company-select", "Филиал ТОО Кабинет").await;
    assert!(options.contains("ТОО Кабинет"), "{options}");
    app.wait_text("#company-title", "ТОО Кабинет").await;
    app.wait_text("#company-bin", "150340001236").await;

    app.choose("#company-select", "2").await;
    app.wait_text("#company-title", "Филиал ТОО Кабинет").await;
    app.wait_text("#company-bin", "160541004562").await;
    app.wait_text("#connection", "Online").await;
    app.close().await;
}

#[tokio::test]
async fn wrong_password_shows_the_message_in_the_chosen_language() {
    let app = App::launch().await;
    app.type_into("#login-phone", "77010016515").await;
    app.type_into("#login-password", "Not-The-Password-1").await;
    app.click("#login-submit").await;
    app.wait_text("#login-error", "Wrong phone number or password.").await;
    app.wait_text("#login-error", "Attempts left before a 15-minute lock: 4").await;

    // Switching the language re-translates the message in place, by its code.
    app.choose("#lang-select", "ru").await;
    app.wait_text("#login-error", "Неверный номер телефона или пароль").await;
    app.wait_text("#screen-login h1", "Вход в Kcell Business ID").await;
    app.close().await;
}

/// The six-digit code in the newest outbox message, once one arrives.
async fn code_from_outbox(app: &App) -> String {
    let text = app.wait_text("[data-testid=outbox-message] .body", "code is").await;
    text.split(|c: char| !c.is_ascii_digit()).find(|w| w.len() == 6).expect("a six-digit code").to_string()
}

#[tokio::test]
async fn whole_recovery_flow_with_the_code_from_the_outbox() {
    let app = App::launch().await;
    app.click("#login-forgot").await;
    app.type_into("#recovery-phone", "77010016515").await;
    app.click("#recovery-next").await;
    app.wait_text("#recovery-subtitle", "Enter the code sent to you via SMS").await;
    app.wait_text("#recovery-countdown", "Code will be resent in: 5").await;

    let code = code_from_outbox(&app).await;
    app.type_into("#recovery-code", &code).await;
    app.click("#recovery-verify").await;
    app.find("#recovery-password").await;
    app.type_into("#recovery-password", "Novyi-Parol-2027").await;
    app.type_into("#recovery-confirmation", "Novyi-Parol-2027").await;
    app.click("#recovery-submit").await;
    app.wait_text("#login-notice", "Your password is set").await;

    // The new password works; the old one does not.
    app.type_into("#login-password", "Novyi-Parol-2027").await;
    app.click("#login-submit").await;
    app.find("#screen-home").await;
    app.close().await;
}

#[tokio::test]
async fn first_login_must_activate_the_account_by_setting_a_password() {
    let app = App::launch().await;
    app.type_into("#login-phone", "77017654321").await;
    app.type_into("#login-password", "anything").await;
    app.click("#login-submit").await;
    app.wait_text("#login-error", "You need to change your password to activate your account").await;
    app.click("#login-activate").await;
    app.click("#recovery-next").await;
    let code = code_from_outbox(&app).await;
    app.type_into("#recovery-code", &code).await;
    app.click("#recovery-verify").await;
    app.wait_text("#recovery-activate", "You need to change your password to activate your account.").await;
    app.type_into("#recovery-password", "Aktivaciya-2026").await;
    app.type_into("#recovery-confirmation", "Aktivaciya-2026").await;
    app.click("#recovery-submit").await;
    app.wait_text("#login-notice", "Your password is set").await;
    app.type_into("#login-password", "Aktivaciya-2026").await;
    app.click("#login-submit").await;
    app.wait_text("#company-title", "ТОО Кабинет").await;
    app.close().await;
}

#[tokio::test]
async fn an_expired_session_leads_back_to_the_login_screen() {
    let app = App::launch().await;
    // The sign-in's sync brings the charges behind it; the session ends after that step, so the
    // call that meets the end is the window's own (a background step meeting it is core's test).
    let listen = "window.__chargesDone = false; \
                  await window.__TAURI__.event.listen('charges-refreshed', () => { window.__chargesDone = true; });";
    app.client.execute(listen, vec![]).await.unwrap();
    app.sign_in_demo().await;
    let started = std::time::Instant::now();
    while app.client.execute("return window.__chargesDone === true;", vec![]).await.unwrap() != serde_json::json!(true)
    {
        assert!(started.elapsed() < std::time::Duration::from_secs(30), "the charges step never ended");
        tokio::time::sleep(std::time::Duration::from_millis(150)).await;
    }
    // Move the embedded demo portal's clock past the 30-minute idle limit.
    let info = app.client.execute("return await window.__TAURI__.core.invoke('app_info');", vec![]).await.unwrap();
    let portal = info["portal_url"].as_str().expect("the demo portal's address").to_string();
    let moved = reqwest::Client::new()
        .post(format!("{portal}sandbox/clock"))
        .header("X-Sandbox-Secret", common::DEMO_PORTAL_SECRET)
        .json(&serde_json::json!({ "seconds": 31 * 60 }))
        .send()
        .await
        .unwrap();
    assert!(moved.status().is_success());

    // The next call that needs the portal finds the session over.
    app.type_into("#numbers-search", "0542").await;
    app.click("[data-msisdn='77010542007']").await;
    app.wait_text("#login-notice", "Your session has ended. Sign in again.").await;
    assert!(!app.find("#company-picker").await.is_displayed().await.unwrap());
    app.sign_in_demo().await;
    app.close().await;
}
