//! SIM replacement and bans through the account: the ICCID is checked before anything is sent,
//! a replacement is tracked and completed by the watcher's round with the number's cached
//! profile refreshed, and a ban change updates the cached profile.

mod common;

use common::{fake_portal, login_answer};
use kabinet_core::account::Account;
use kabinet_core::action::ActionKind;
use kabinet_core::api::{BanChange, RequestRecord, RequestResult, RequestState};
use kabinet_core::cache::Cache;
use kabinet_core::client::PortalClient;
use kabinet_core::secrets::Vault;
use kabinet_core::ErrorCode;
use portal_sandbox::{Config, RunningSandbox, DEMO_LOGIN_PASSWORD, DEMO_LOGIN_PHONE};
use serde_json::json;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// Active, of the demo company, not the manual's number.
const NUMBER: &str = "77012115526";
/// A valid ICCID (Luhn) that no demo number has.
const NEW_ICCID: &str = "89997020000000000007";

async fn account_on(url: &str, dir: &tempfile::TempDir) -> Account {
    let cache = Cache::open(&dir.path().join("cache.sqlite")).await.unwrap();
    Account::new(PortalClient::new(url).unwrap(), cache, Arc::new(Vault::memory_only()), "test")
}

/// A sandbox whose slow operations are due one second after they start.
async fn quick_sandbox(dir: &tempfile::TempDir) -> RunningSandbox {
    let mut config = Config::demo("127.0.0.1:0".parse().unwrap(), dir.path().join("portal"));
    config.rules.slow_operation = chrono::Duration::seconds(1);
    portal_sandbox::start(config).await.unwrap()
}

#[tokio::test]
async fn a_bad_iccid_is_refused_by_the_field_before_anything_is_sent() {
    let asked = Arc::new(AtomicUsize::new(0));
    let count = asked.clone();
    let url = fake_portal(Arc::new(move |_method, path| {
        count.fetch_add(1, Ordering::SeqCst);
        if path.ends_with("/auth/login") {
            login_answer()
        } else {
            json!({})
        }
    }));
    let dir = tempfile::tempdir().unwrap();
    let account = account_on(&url, &dir).await;
    account.login(DEMO_LOGIN_PHONE, "whatever", false).await.unwrap();
    let before = asked.load(Ordering::SeqCst);
    for bad in ["89997020000000000006", "1234", "8999702000000000000X", ""] {
        let e = replace(&account, bad).await.unwrap_err();
        assert_eq!((e.code, e.field.as_deref()), (ErrorCode::InvalidIccid, Some("iccid")), "{bad:?}");
    }
    let e = ban(&account, "roaming", true).await.unwrap_err();
    assert_eq!((e.code, e.field.as_deref()), (ErrorCode::InvalidInput, Some("ban")));
    assert_eq!(asked.load(Ordering::SeqCst), before, "the portal was asked nothing");
}

#[tokio::test]
async fn a_replacement_is_tracked_and_completed_by_the_watcher_with_the_cached_profile_refreshed() {
    let dir = tempfile::tempdir().unwrap();
    let portal = quick_sandbox(&dir).await;
    let account = account_on(&portal.url(), &dir).await;
    account.login(DEMO_LOGIN_PHONE, DEMO_LOGIN_PASSWORD, false).await.unwrap();
    let before = account.numbers().detail(NUMBER).await.unwrap().data;
    assert_ne!(before.sim.iccid, NEW_ICCID);

    let request = replace(&account, NEW_ICCID).await.unwrap();
    assert_eq!((request.state.clone(), request.detail.as_deref()), (RequestState::InProcess, Some(NEW_ICCID)));
    let known = account.requests().of_number(NUMBER).await.unwrap();
    assert_eq!(known.first().map(|r| (&r.id, r.is_open())), Some((&request.id, true)), "tracked");
    // Refused by the portal while it is in process, with its reason.
    let e = replace(&account, "89997020000000000015").await.unwrap_err();
    assert_eq!(e.reason.map(|r| r.as_str().to_string()).as_deref(), Some("sim_replacement_in_process"));

    // The portal completes it a little later; the watcher's next round (its backoff over) sees
    // it done.
    portal.clock().advance(5);
    let changed = account.follow_up().poll_due(chrono::Utc::now() + chrono::Duration::minutes(1)).await.unwrap();
    let done = changed.into_iter().find(|r| r.id == request.id).expect("the replacement changed");
    assert_eq!((done.state, done.result), (RequestState::Done, Some(RequestResult::SimReplaced)));

    // The watcher re-read the profile: the cache has the new SIM, also with the portal gone.
    portal.shutdown().await;
    let cached = account.numbers().detail(NUMBER).await.unwrap();
    assert!(cached.offline);
    assert_eq!(cached.data.sim.iccid, NEW_ICCID);
    assert_eq!(cached.data.sim.sim_replaced_at, done.completed_at);
    let known = account.requests().of_number(NUMBER).await.unwrap();
    assert_eq!(known.first().map(|r| r.state.clone()), Some(RequestState::Done));
}

#[tokio::test]
async fn a_ban_change_is_in_the_cached_profile_and_a_second_one_is_refused_with_its_reason() {
    let dir = tempfile::tempdir().unwrap();
    let portal = quick_sandbox(&dir).await;
    let account = account_on(&portal.url(), &dir).await;
    account.login(DEMO_LOGIN_PHONE, DEMO_LOGIN_PASSWORD, false).await.unwrap();
    assert!(!account.numbers().detail(NUMBER).await.unwrap().data.general.ban_sms_ussd);

    let change = ban(&account, "sms_ussd", true).await.unwrap();
    assert!(change.general.ban_sms_ussd);
    let e = ban(&account, "sms_ussd", true).await.unwrap_err();
    assert_eq!(e.code, ErrorCode::NotAllowedInState);
    assert_eq!(e.reason.map(|r| r.as_str().to_string()).as_deref(), Some("ban_already_set"));

    portal.shutdown().await;
    let cached = account.numbers().detail(NUMBER).await.unwrap();
    assert!(cached.offline && cached.data.general.ban_sms_ussd, "the cached profile has the new flag");
}

/// SIM replacement as the window asks for it: the ICCID checked by the action's rule, then sent.
async fn replace(account: &Account, iccid: &str) -> kabinet_core::error::Result<RequestRecord> {
    let params = [("iccid".to_string(), iccid.to_string())].into();
    let action = account.act().check(ActionKind::SimReplacement, &params)?;
    account.act().send_as(NUMBER, &action).await
}

/// A ban set (`set`) or removed, by its wire name, as the window asks for it.
async fn ban(account: &Account, ban: &str, set: bool) -> kabinet_core::error::Result<BanChange> {
    let kind = if set { ActionKind::BanSet } else { ActionKind::BanRemove };
    let action = account.act().check(kind, &[("ban".to_string(), ban.to_string())].into())?;
    account.act().send_as(NUMBER, &action).await
}
