//! End to end, in the real window: Device registration (IMEI). Register a device, then delete
//! it; re-register from a previous owner with a wrong IIN/BIN (the error shows by its field),
//! then a right one; a registration that fails because the device is registered with another
//! provider's number leads to Register duplicate. Results arrive through core's watcher; the
//! demo portal's clock is moved past the IMEI delay so they come at its next poll.
//! Demo numbers: the sandbox's `seed/devices.rs`.
//!
//! With `KABINET_E2E_SHOTS=<dir>`, the screen and its dialogs are kept as screenshots at the
//! minimum window size, in English and Russian.

#![cfg(target_os = "linux")] // Xvfb + WebKitWebDriver: the end-to-end harness is Linux-only.

mod common;

use common::App;

/// Opens the Device registration (IMEI) screen of `msisdn` from the list's row menu.
async fn open_devices(app: &App, msisdn: &str) {
    app.search_one(msisdn, msisdn).await;
    app.click(&format!("#numbers-viewport [data-msisdn='{msisdn}'] [data-testid=row-more]")).await;
    app.click("#menu-devices").await;
    app.find(&format!("#screen-devices[data-msisdn='{msisdn}']")).await;
}

/// Moves the embedded demo portal's clock past the IMEI delay.
async fn portal_later(app: &App) {
    let info = app.client.execute("return await window.__TAURI__.core.invoke('app_info');", vec![]).await.unwrap();
    let portal = info["portal_url"].as_str().expect("the demo portal's address").to_string();
    let moved = reqwest::Client::new()
        .post(format!("{portal}sandbox/clock"))
        .header("X-Sandbox-Secret", common::DEMO_PORTAL_SECRET)
        .json(&serde_json::json!({ "seconds": 30 }))
        .send()
        .await
        .unwrap();
    assert!(moved.status().is_success());
}

async fn dialog_gone(app: &App, id: &str) {
    let script = "return document.getElementById(arguments[0]) === null;";
    for _ in 0..100 {
        if app.client.execute(script, vec![id.into()]).await.unwrap().as_bool() == Some(true) {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("#{id} stayed open");
}

#[tokio::test]
async fn register_a_device_then_delete_it() {
    let app = App::launch().await;
    app.sign_in_demo().await;
    open_devices(&app, "77010600037").await;
    app.wait_text("#devices-last-imei", "35600054894561").await;
    app.wait_text("#devices-status-text", "Device not registered with this number.").await;
    app.wait_text("#devices-registered", "No device is registered").await;

    app.click("#devices-register").await;
    app.wait_text("#device-register-dialog .message", "Register the device 35600054894561").await;
    app.click("#device-register-dialog-confirm").await;
    dialog_gone(&app, "device-register-dialog").await;
    app.wait_text("#devices-history-table", "In process").await;
    portal_later(&app).await;
    app.wait_text("#devices-history-table", "Registered successfully").await;
    app.wait_text("#devices-status-text", "Device registered with this number.").await;

    // Delete: destructive, so the focus starts on Cancel; Cancel changes nothing.
    app.click("#devices-delete-35600054894561").await;
    let focused = app.client.execute("return document.activeElement.id;", vec![]).await.unwrap();
    assert_eq!(focused, "device-deregister-dialog-cancel");
    app.click("#device-deregister-dialog-cancel").await;
    dialog_gone(&app, "device-deregister-dialog").await;
    app.click("#devices-delete-35600054894561").await;
    app.click("#device-deregister-dialog-confirm").await;
    dialog_gone(&app, "device-deregister-dialog").await;
    portal_later(&app).await;
    app.wait_text("#devices-history-table", "Registration removed").await;
    app.wait_text("#devices-status-text", "Device not registered with this number.").await;
    app.wait_text("#devices-registered", "No device is registered").await;
    app.close().await;
}

#[tokio::test]
async fn re_register_from_a_previous_owner_and_register_a_duplicate_after_another_providers_refusal() {
    let app = App::launch().await;
    app.sign_in_demo().await;
    open_devices(&app, "77010600074").await;
    app.wait_text("#devices-last-imei", "35055553552575").await;

    // First the terms, then the previous owner's number and IIN/BIN.
    app.click("#devices-reregister").await;
    app.wait_text("#device-terms-dialog .message", "does not imply the transfer of ownership").await;
    app.click("#device-terms-dialog-confirm").await;
    app.type_into("#device-reregister-dialog-previous_owner_msisdn", "77017770011").await;
    app.type_into("#device-reregister-dialog-previous_owner_iin", "921029350852").await;
    app.click("#device-reregister-dialog-confirm").await;
    // The IIN/BIN's own text, not the generic "the number has the right length".
    app.wait_text(
        "#device-reregister-dialog-previous_owner_iin-error",
        "An IIN/BIN has 12 digits and the last one is a check digit",
    )
    .await;
    let invalid = app.find("#device-reregister-dialog-previous_owner_iin").await.attr("aria-invalid").await.unwrap();
    assert_eq!(invalid.as_deref(), Some("true"));
    app.type_into("#device-reregister-dialog-previous_owner_iin", "921029350851").await;
    app.click("#device-reregister-dialog-confirm").await;
    dialog_gone(&app, "device-reregister-dialog").await;
    app.wait_text("#devices-history-table", "In process").await;
    portal_later(&app).await;
    app.wait_text("#devices-history-table", "Re-registered successfully").await;
    app.wait_text("#devices-status-text", "Device registered with this number.").await;

    // The manual's number: its device is registered with another provider's number.
    app.click("#devices-back").await;
    open_devices(&app, "77010542007").await;
    app.wait_text("#devices-history-table", "Duplicate registered successfully").await;
    app.click("#devices-register").await;
    app.click("#device-register-dialog-confirm").await;
    dialog_gone(&app, "device-register-dialog").await;
    portal_later(&app).await;
    app.wait_text("#devices-explain", "belongs to another provider").await;
    let lead = app.find("#devices-duplicate").await.attr("class").await.unwrap();
    assert_eq!(lead.as_deref(), Some("primary"), "the failure leads to Register duplicate");
    app.click("#devices-duplicate").await;
    // The manual's two steps: the terms and Confirm, then Register duplicate.
    app.wait_text("#device-duplicate-terms-dialog .message", "you confirm that you have read").await;
    app.click("#device-duplicate-terms-dialog-confirm").await;
    app.wait_text("#device-duplicate-dialog .message", "without removing current registration").await;
    app.click("#device-duplicate-dialog-confirm").await;
    dialog_gone(&app, "device-duplicate-dialog").await;
    portal_later(&app).await;
    app.wait_text("#devices-status-text", "Device registered with this number.").await;
    let history =
        app.wait_text("#devices-history-table tbody tr:first-child", "Duplicate registered successfully").await;
    assert!(history.contains("35367807651154"), "{history}");
    app.close().await;
}

/// What overflows at the minimum size: the page sideways, or an open dialog out of the window.
const LAYOUT_PROBLEMS: &str = r#"
const problems = [];
const w = document.documentElement.clientWidth, h = window.innerHeight;
if (document.documentElement.scrollWidth > w) problems.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${w}`);
const d = document.querySelector("dialog[open]");
if (d) { const r = d.getBoundingClientRect(); if (r.left < 0 || r.top < 0 || r.right > w || r.bottom > h) problems.push(`dialog outside the window: ${JSON.stringify(r)}`); }
return problems.join("\n");
"#;

#[tokio::test]
async fn the_screen_and_its_dialogs_fit_the_minimum_window_in_english_and_russian() {
    let app = App::launch().await;
    let conf: serde_json::Value = serde_json::from_str(include_str!("../tauri.conf.json")).unwrap();
    let window = &conf["app"]["windows"][0];
    let (w, h) = (window["minWidth"].as_u64().unwrap() as u32, window["minHeight"].as_u64().unwrap() as u32);
    app.client.set_window_size(w, h).await.expect("resize the window");
    app.sign_in_demo().await;
    let shots = std::env::var_os("KABINET_E2E_SHOTS").map(std::path::PathBuf::from);
    let shot = |name: String| {
        let app = &app;
        let shots = shots.clone();
        async move {
            let problems = app.client.execute(LAYOUT_PROBLEMS, vec![]).await.unwrap();
            assert_eq!(problems.as_str(), Some(""), "{name}");
            if let Some(dir) = shots {
                std::fs::create_dir_all(&dir).unwrap();
                std::fs::write(dir.join(format!("{name}.png")), app.client.screenshot().await.unwrap()).unwrap();
            }
        }
    };
    for (lang, register) in [("en", "Register"), ("ru", "Зарегистрировать")] {
        app.choose("#lang-select", lang).await;
        open_devices(&app, "77010542007").await;
        app.wait_content("#devices-register", register).await;
        shot(format!("devices-{lang}")).await;
        app.click("#devices-duplicate").await;
        app.click("#device-duplicate-terms-dialog-confirm").await;
        app.find("#device-duplicate-dialog").await;
        shot(format!("devices-duplicate-{lang}")).await;
        app.click("#device-duplicate-dialog-cancel").await;
        app.click("#devices-reregister").await;
        app.click("#device-terms-dialog-confirm").await;
        app.type_into("#device-reregister-dialog-previous_owner_iin", "921029350852").await;
        app.type_into("#device-reregister-dialog-previous_owner_msisdn", "77017770011").await;
        app.click("#device-reregister-dialog-confirm").await;
        app.find("#device-reregister-dialog-previous_owner_iin-error:not([hidden])").await;
        shot(format!("devices-reregister-{lang}")).await;
        app.click("#device-reregister-dialog-cancel").await;
        dialog_gone(&app, "device-reregister-dialog").await;
        app.click("#devices-back").await;
        app.find("#screen-home").await;
    }
    // A number with registered IMEIs (Blocked: Delete only).
    open_devices(&app, "77010542006").await;
    app.find("#devices-delete-86978202212128").await;
    shot("devices-registered-ru".into()).await;
    app.click("#devices-delete-86978202212128").await;
    shot("devices-deregister-ru".into()).await;
    app.close().await;
}
