//! End to end, in the real app window: the numbers list, the number profile, services with
//! their effect on the balance, PIN reveal, and working offline when the portal goes away.

#![cfg(target_os = "linux")] // Xvfb + WebKitWebDriver: the end-to-end harness is Linux-only.

mod common;

use common::App;
use std::net::SocketAddr;
use std::time::Duration;

async fn open_manual_number(app: &App) {
    app.sign_in_demo().await;
    app.find("#numbers-viewport [data-msisdn='77010542007']").await;
    app.type_into("#numbers-search", "0542").await;
    app.wait_text("#numbers-count", "Numbers: 2").await;
    app.click("[data-msisdn='77010542007']").await;
    app.wait_text("#number-title", "+7 701 054 20 07").await;
}

#[tokio::test]
async fn search_the_list_and_open_a_numbers_profile() {
    let app = App::launch().await;
    app.sign_in_demo().await;
    app.wait_text("#numbers-synced", "Numbers as of").await;
    app.find("#numbers-viewport [data-msisdn='77010542006']").await;

    // Digits, then Cyrillic in another case than the data's.
    app.type_into("#numbers-search", "2115").await;
    app.wait_text("#numbers-count", "Numbers: 1").await;
    app.type_into("#numbers-search", "КОРПОРАТИВНЫЙ").await;
    let rows = app.wait_content("#numbers-viewport .vrow.data", "Корпоративный безлимит").await;
    assert!(rows.lines().all(|row| row.contains("Корпоративный безлимит")), "{rows}");
    app.type_into("#numbers-search", "0542").await;
    app.wait_text("#numbers-count", "Numbers: 2").await;

    // The row's "more options" menu leads to the number's screens.
    let more = app.find("[data-msisdn='77010542007'] [data-testid=row-more]").await;
    more.click().await.unwrap();
    app.click("#menu-profile").await;
    app.wait_text("#number-title", "+7 701 054 20 07").await;
    app.wait_text("#number-state", "Active").await;
    app.wait_text("#number-tariff", "Business Class Junior").await;
    app.wait_text("#number-balance", "8,476.90 ₸").await;
    app.wait_text("#number-debt", "13,222.00 ₸").await;
    app.wait_text("#sim-iccid", "89997027508016848485").await;
    app.wait_text("#sim-imei", "35367807651154").await;
    app.wait_text("#number-allowances", "Unlimited").await;
    app.close().await;
}

#[tokio::test]
async fn enable_then_disable_a_service_watching_the_balance() {
    let app = App::launch().await;
    open_manual_number(&app).await;
    app.wait_text("#number-balance", "8,476.90 ₸").await;

    app.click("[data-testid=available-service][data-service='landline-10'] button[data-service]").await;
    app.wait_text("#confirm-dialog-message", "149.00 ₸").await;
    app.click("#confirm-dialog-confirm").await;
    app.wait_text("#number-balance", "8,327.90 ₸").await;
    app.wait_text("#services-status", "is enabled").await;
    app.find("[data-testid=activated-service][data-service='landline-10']").await;

    app.click("[data-testid=activated-service][data-service='landline-10'] button[data-service]").await;
    app.wait_text("#confirm-dialog-message", "not refunded").await;
    app.click("#confirm-dialog-confirm").await;
    app.wait_text("#services-status", "is disabled").await;
    app.find("[data-testid=available-service][data-service='landline-10']").await;
    app.wait_text("#number-balance", "8,327.90 ₸").await;

    // Cancelling a confirmation changes nothing.
    app.click("[data-testid=available-service][data-service='offnet-70'] button[data-service]").await;
    app.click("#confirm-dialog-cancel").await;
    app.wait_text("#number-balance", "8,327.90 ₸").await;
    app.close().await;
}

#[tokio::test]
async fn reveal_a_pin_and_hide_it_again() {
    let app = App::launch().await;
    open_manual_number(&app).await;
    app.wait_text("#sim-pin2", "••••").await;
    app.click("#sim-reveal").await;
    app.wait_text("#sim-pin2", "8649").await;
    app.wait_text("#sim-puk1", "51352846").await;
    app.click("#sim-reveal").await;
    app.wait_text("#sim-pin2", "••••").await;
    app.close().await;
}

#[tokio::test]
async fn block_a_number_in_process_then_blocked_then_unblock_it() {
    let app = App::launch().await;
    app.sign_in_demo().await;
    app.type_into("#numbers-search", "2115526").await;
    app.wait_text("#numbers-count", "Numbers: 1").await;
    app.click("[data-msisdn='77012115526']").await;
    app.wait_text("#number-state", "Active").await;
    app.click("#number-block").await;
    app.wait_text("#confirm-dialog-message", "Are you sure you want to block this account?").await;
    app.wait_content("#confirm-dialog-confirm", "Yes, I am sure").await;
    app.click("#confirm-dialog-confirm").await;
    app.wait_text("#number-state", "In process").await;
    // The demo portal completes it after a few seconds; the screen updates by itself.
    app.wait_text("#number-state", "Blocked").await;
    app.wait_text("#number-block", "Unblock").await;
    app.click("#number-block").await;
    app.click("#confirm-dialog-confirm").await;
    app.wait_text("#number-state", "In process").await;
    app.wait_text("#number-state", "Active").await;
    app.close().await;
}

/// Waits until the balances of the rows on screen (in tiyn, in screen order) are in `order`,
/// with more than `min` rows; panics with what the screen showed. The balance is a row's cell 7
/// (after the selection's checkbox and the six other columns).
async fn wait_balances_sorted(app: &App, min: usize, order: std::cmp::Ordering) {
    let script = "return [...document.querySelectorAll('#numbers-viewport .vrow.data')]
        .map(r => r.children[7].textContent.replace(/[^0-9]/g, ''));";
    let mut last = Vec::new();
    for _ in 0..100 {
        let value = app.client.execute(script, vec![]).await.unwrap();
        last = value.as_array().unwrap().iter().map(|v| v.as_str().unwrap().parse::<i64>().unwrap()).collect();
        if last.len() > min && last.windows(2).all(|w| w[0].cmp(&w[1]) != order.reverse()) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("balances on screen never sorted {order:?}: {last:?}");
}

#[tokio::test]
async fn sort_the_list_by_a_column_and_reverse_it() {
    let app = App::launch().await;
    app.sign_in_demo().await;
    app.find("#numbers-viewport [data-msisdn='77010542006']").await;
    app.click("[data-sort=balance]").await;
    app.wait_content("[data-column=balance]", "▲").await;
    wait_balances_sorted(&app, 5, std::cmp::Ordering::Less).await;
    app.click("[data-sort=balance]").await;
    app.wait_content("[data-column=balance]", "▼").await;
    wait_balances_sorted(&app, 5, std::cmp::Ordering::Greater).await;
    // A search keeps the order.
    app.type_into("#numbers-search", "Senior").await;
    app.wait_text("#numbers-count", "Numbers: 9").await;
    wait_balances_sorted(&app, 1, std::cmp::Ordering::Greater).await;
    app.close().await;
}

#[tokio::test]
async fn block_from_the_lists_row_menu_and_watch_the_row_update() {
    let app = App::launch().await;
    app.sign_in_demo().await;
    app.type_into("#numbers-search", "2115526").await;
    app.wait_text("#numbers-count", "Numbers: 1").await;
    let row = "#numbers-viewport [data-msisdn='77012115526']";
    let blocked_before: u32 = app.find("[data-testid=numbers-blocked]").await.text().await.unwrap().parse().unwrap();
    app.wait_content(&format!("{row} .state-active"), "Active").await;
    app.click(&format!("{row} [data-testid=row-more]")).await;
    // The manual's menu order: Block first among the actions.
    app.wait_text("#menu-block", "Block").await;
    app.click("#menu-block").await;
    app.wait_text("#confirm-dialog-message", "+7 701 211 55 26. Are you sure you want to block this account?").await;
    app.click("#confirm-dialog-cancel").await;
    app.wait_content(&format!("{row} .state-active"), "Active").await;

    app.click(&format!("{row} [data-testid=row-more]")).await;
    app.click("#menu-block").await;
    app.click("#confirm-dialog-confirm").await;
    app.wait_text("#numbers-status", "In process").await;
    app.wait_content(&format!("{row} .state-in_process"), "In process").await;
    // The list reads the number again until the portal has completed the request.
    app.wait_content(&format!("{row} .state-blocked"), "Blocked").await;
    app.wait_text("#numbers-status", "+7 701 211 55 26 is now Blocked.").await;
    // The company's counts follow.
    app.wait_text("[data-testid=numbers-blocked]", &(blocked_before + 1).to_string()).await;
    app.click(&format!("{row} [data-testid=row-more]")).await;
    app.wait_text("#menu-block", "Unblock").await;
    app.close().await;
}

/// The ids of the open menu's items, without their menu's prefix (`menu-`, `more-`).
async fn open_menu_ids(app: &App) -> Vec<String> {
    let script =
        r##"return [...document.querySelectorAll("#row-menu button")].map((b) => b.id.replace(/^(menu|more)-/, ""));"##;
    let ids = app.client.execute(script, vec![]).await.expect("the menu's items");
    serde_json::from_value(ids).expect("a list of ids")
}

/// What the UI's actions registry (`ui/js/actions.js`) offers in `menu` for a number in `state`.
async fn registry_ids(app: &App, menu: &str, state: &str) -> Vec<String> {
    let script = r#"const [menu, state, done] = arguments;
        import("./js/actions.js").then((m) => done(m.actionsFor(menu, { msisdn: "77000000000", state }).map((a) => a.id)));"#;
    let ids = app.client.execute_async(script, vec![menu.into(), state.into()]).await.expect("the registry");
    serde_json::from_value(ids).expect("a list of ids")
}

#[tokio::test]
async fn both_menus_offer_the_action_registrys_items_for_active_and_blocked_numbers() {
    let app = App::launch().await;
    app.sign_in_demo().await;
    // A Blocked / Debt number: the table allows neither Block nor Unblock, so the list's menu
    // has no such item.
    app.choose("#numbers-state", "blocked_debt").await;
    app.wait_content("#numbers-viewport .vrow.data", "Blocked / Debt").await;
    app.click("#numbers-viewport .vrow.data [data-testid=row-more]").await;
    app.wait_visible("#menu-usage").await;
    // SIM card replacement and Balance transfer are listed (disabled, saying why: FAQ 8, and
    // only an active number gives); bans, devices, switching a forwarding off and deleting a
    // secret code are allowed.
    assert_eq!(
        open_menu_ids(&app).await,
        [
            "profile",
            "sim-replace",
            "ban-mykcell_details",
            "ban-mykcell",
            "devices",
            "ban-sms_ussd",
            "forwarding",
            "secret-delete",
            "payments",
            "usage",
            "sim",
            "services",
            "transfer"
        ]
    );
    app.click("#company-title").await; // a click elsewhere closes the menu
    app.choose("#numbers-state", "").await;
    app.type_into("#numbers-search", "0542").await;
    app.wait_text("#numbers-count", "Numbers: 2").await;
    let active: &[&str] = &["forwarding", "secret-send", "secret-delete"];
    let blocked: &[&str] = &["forwarding", "secret-delete"];
    // Balance transfer comes last, on every state (disabled, saying why, where the number
    // cannot give).
    let last: &[&str] = &["transfer"];
    for (msisdn, state, block, more) in
        [("77010542007", "active", "Block", active), ("77010542006", "blocked", "Unblock", blocked)]
    {
        let row = format!("#numbers-viewport [data-msisdn='{msisdn}']");
        app.click(&format!("{row} [data-testid=row-more]")).await;
        app.wait_text("#menu-block", block).await;
        let in_row = open_menu_ids(&app).await;
        assert_eq!(
            in_row,
            [
                &["profile", "block", "sim-replace", "ban-mykcell_details", "ban-mykcell", "devices", "ban-sms_ussd"],
                more,
                &["payments", "usage", "sim", "services"],
                last
            ]
            .concat(),
            "{state}: the list's menu"
        );
        assert_eq!(in_row, registry_ids(&app, "row", state).await, "{state}: the list's menu is the registry's");
        app.click("#menu-profile").await;
        app.click(&format!("#screen-number[data-msisdn='{msisdn}'] #number-more")).await;
        app.wait_visible("#more-usage").await;
        let in_profile = open_menu_ids(&app).await;
        assert_eq!(
            in_profile,
            [
                &["sim-replace", "ban-mykcell_details", "ban-mykcell", "devices", "ban-sms_ussd"],
                more,
                &["payments", "usage", "sim", "allowances", "services"],
                last
            ]
            .concat(),
            "{state}: the profile's menu"
        );
        assert_eq!(
            in_profile,
            registry_ids(&app, "profile", state).await,
            "{state}: the profile's menu is the registry's"
        );
        app.click("#number-back").await;
        app.wait_text("#numbers-count", "Numbers: 2").await;
    }
    app.close().await;
}

async fn start_portal(addr: SocketAddr, dir: &std::path::Path) -> portal_sandbox::RunningSandbox {
    portal_sandbox::start(portal_sandbox::Config::demo(addr, dir.to_path_buf())).await.expect("sandbox starts")
}

#[tokio::test]
async fn offline_the_app_shows_cached_data_as_of_and_recovers_when_the_portal_is_back() {
    let portal_dir = tempfile::tempdir().unwrap();
    let portal = start_portal("127.0.0.1:0".parse().unwrap(), portal_dir.path()).await;
    let addr = portal.addr();

    let app = App::launch().await;
    // Point the app at this portal, as a user would.
    app.use_portal(&portal.url()).await;
    assert!(!app.find("#demo-badge").await.is_displayed().await.unwrap());
    open_manual_number(&app).await;
    app.wait_text("#connection", "Online").await;

    portal.shutdown().await;
    app.click("#number-refresh").await;
    app.wait_text("#connection", "Offline, data as of").await;
    app.wait_visible("#offline-banner").await;
    app.wait_text("[data-testid=as-of]", "Data as of").await;
    app.wait_text("#number-balance", "8,476.90 ₸").await;
    let enable = app.find("[data-testid=available-service] button[data-service]").await;
    assert!(!enable.is_enabled().await.unwrap(), "actions are disabled offline");
    assert!(!app.find("#sim-reveal").await.is_enabled().await.unwrap());
    // The list is still readable and searchable from the cache.
    app.click("#number-back").await;
    app.wait_text("#numbers-count", "Numbers: 2").await;
    app.find("[data-msisdn='77010542006']").await;

    let portal = start_portal(addr, portal_dir.path()).await;
    app.wait_text("#connection", "Online").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(!app.find("#offline-banner").await.is_displayed().await.unwrap());
    app.click("[data-msisdn='77010542007']").await;
    let enable = app.find("[data-testid=available-service] button[data-service]").await;
    assert!(enable.is_enabled().await.unwrap(), "actions are back");
    app.close().await;
    portal.shutdown().await;
}
