//! Sync of the numbers list against a sandbox: full, incremental, interrupted, and the search
//! and windows the list screen reads from the cache.

use kabinet_core::account::Account;
use kabinet_core::action::Action;
use kabinet_core::api::ServiceChange;
use kabinet_core::api::{NumberState, NumberSummary};
use kabinet_core::cache::numbers::NumberFilter;
use kabinet_core::cache::Cache;
use kabinet_core::client::PortalClient;
use kabinet_core::secrets::Vault;
use portal_sandbox::{Config, RunningSandbox, Seed, DEMO_LOGIN_PASSWORD, DEMO_LOGIN_PHONE};
use std::sync::{Arc, Mutex};

/// Company 4 of the large seed.
const BIG: i64 = 4;

async fn setup(seed: Seed) -> (tempfile::TempDir, RunningSandbox, Account) {
    let dir = tempfile::tempdir().unwrap();
    let mut config = Config::demo("127.0.0.1:0".parse().unwrap(), dir.path().join("portal"));
    config.seed = seed;
    let portal = portal_sandbox::start(config).await.unwrap();
    let cache = Cache::open(&dir.path().join("cache.sqlite")).await.unwrap();
    let account =
        Account::new(PortalClient::new(&portal.url()).unwrap(), cache, Arc::new(Vault::memory_only()), "test");
    account.login(DEMO_LOGIN_PHONE, DEMO_LOGIN_PASSWORD, false).await.unwrap();
    account.companies().await.unwrap();
    (dir, portal, account)
}

fn no_progress(_: kabinet_core::sync::SyncProgress) {}

async fn everything(account: &Account, company: i64) -> Vec<NumberSummary> {
    account.numbers().all(company, &NumberFilter::default()).await.unwrap()
}

fn text(t: &str) -> NumberFilter {
    NumberFilter { text: t.into(), ..Default::default() }
}

#[tokio::test]
async fn full_then_incremental_sync() {
    let (_dir, _portal, account) = setup(Seed::Demo).await;
    let progress = Arc::new(Mutex::new(Vec::new()));
    let seen = progress.clone();
    let report = account.numbers().sync(1, false, &move |p| seen.lock().unwrap().push(p.fetched)).await.unwrap();
    assert!(report.full);
    let companies = account.companies().await.unwrap().data;
    let expected = companies.iter().find(|c| c.id == 1).unwrap().numbers_total;
    assert_eq!(report.written as i64, expected);
    assert_eq!(*progress.lock().unwrap().last().unwrap() as i64, expected);
    let window = account.numbers().window(1, &NumberFilter::default(), 0, 100).await.unwrap();
    assert_eq!(window.total, expected);
    let msisdns: Vec<&str> = window.rows.iter().map(|n| n.msisdn.as_str()).collect();
    let mut sorted = msisdns.clone();
    sorted.sort();
    assert_eq!(msisdns, sorted, "in number order");

    // Nothing changed: nothing written.
    let again = account.numbers().sync(1, false, &no_progress).await.unwrap();
    assert!(!again.full);
    assert_eq!(again.written, 0);

    // A change on the portal reaches the cache through an incremental sync.
    let change = account
        .act()
        .send_as::<ServiceChange>("77010542007", &Action::ServiceEnable { service: "landline-10".into() })
        .await
        .unwrap();
    let after = account.numbers().sync(1, false, &no_progress).await.unwrap();
    assert_eq!(after.written, 1);
    let row = account.numbers().window(1, &text("77010542007"), 0, 10).await.unwrap();
    assert_eq!(row.rows[0].balance, change.number.balance);
    assert_eq!(everything(&account, 1).await.len() as i64, expected);
    let status = account.numbers().status(1).await.unwrap();
    assert!(status.synced_at.is_some());
    assert!(status.tariffs.contains(&"Business Class Junior".to_string()));
}

#[tokio::test]
async fn search_by_digits_account_tariff_state_and_cyrillic_in_any_case() {
    let (_dir, _portal, account) = setup(Seed::Demo).await;
    account.numbers().sync(1, false, &no_progress).await.unwrap();

    let by_digits = account.numbers().window(1, &text("0542"), 0, 100).await.unwrap();
    let found: Vec<&str> = by_digits.rows.iter().map(|n| n.msisdn.as_str()).collect();
    assert_eq!(found, ["77010542006", "77010542007"]);
    // An account bills several numbers (the manual's 77012115526 among them).
    let by_account = account.numbers().window(1, &text("26026487"), 0, 100).await.unwrap();
    assert!(by_account.rows.iter().all(|n| n.account == "26026487"));
    assert!(by_account.rows.iter().any(|n| n.msisdn == "77012115526"));
    let short = account.numbers().window(1, &text("26"), 0, 100).await.unwrap();
    assert!(short.rows.iter().all(|n| n.msisdn.contains("26") || n.account.contains("26") || n.tariff.contains("26")));

    let all = everything(&account, 1).await;
    let unlimited = all.iter().filter(|n| n.tariff == "Корпоративный безлимит").count() as i64;
    assert!(unlimited > 0, "the demo has such numbers");
    for query in ["корпоративный", "КОРПОРАТИВНЫЙ", "КорпоратИВный БЕЗЛИМИТ"]
    {
        assert_eq!(account.numbers().window(1, &text(query), 0, 100).await.unwrap().total, unlimited, "{query}");
    }
    let blocked = all.iter().filter(|n| n.state == NumberState::Blocked).count() as i64;
    let by_state = NumberFilter { state: Some(NumberState::Blocked), ..Default::default() };
    assert_eq!(account.numbers().window(1, &by_state, 0, 100).await.unwrap().total, blocked);
    let by_tariff = NumberFilter { tariff: Some("Kcell".into()), ..Default::default() };
    let kcell = account.numbers().window(1, &by_tariff, 0, 100).await.unwrap();
    assert!(kcell.rows.iter().all(|n| n.tariff == "Kcell") && kcell.total > 0);
    assert_eq!(account.numbers().window(1, &text("no such thing"), 0, 100).await.unwrap().total, 0);
    // Quotes in a query are searched for, not parsed.
    assert_eq!(account.numbers().window(1, &text("\"7701"), 0, 100).await.unwrap().total, 0);
}

#[tokio::test]
async fn windows_of_a_large_list() {
    let (_dir, _portal, account) = setup(Seed::Large(12_000)).await;
    account.numbers().sync(BIG, false, &no_progress).await.unwrap();
    let w = account.numbers().window(BIG, &NumberFilter::default(), 5_000, 100).await.unwrap();
    assert_eq!((w.total, w.offset, w.rows.len()), (12_000, 5_000, 100));
    assert_eq!(w.rows[0].msisdn, "77780005000");
    let tail = account.numbers().window(BIG, &NumberFilter::default(), 11_950, 100).await.unwrap();
    assert_eq!(tail.rows.len(), 50);
}

#[tokio::test]
async fn an_interrupted_sync_leaves_the_cache_as_it_was() {
    let (_dir, portal, account) = setup(Seed::Large(12_000)).await;
    account.numbers().sync(BIG, false, &no_progress).await.unwrap();
    let before = everything(&account, BIG).await;
    let status_before = account.numbers().status(BIG).await.unwrap().synced_at;

    // Another administrator's session changes a number on the portal (the cache cannot know),
    // then the portal fails after serving one of the three pages of a full sync.
    let other = PortalClient::new(&portal.url()).unwrap();
    let phone = kabinet_core::domain::Phone::parse(DEMO_LOGIN_PHONE).unwrap();
    other.login(&phone, DEMO_LOGIN_PASSWORD).await.unwrap();
    let number = kabinet_core::domain::Phone::parse("77780000001").unwrap();
    let enable =
        kabinet_core::client::Call::of(&Action::ServiceEnable { service: "landline-10".into() }, &number).unwrap();
    other.send_call::<serde_json::Value>(&enable, "another-session").await.unwrap();
    let http = reqwest::Client::new();
    let fault = |pages: Option<u32>| {
        http.post(format!("{}sandbox/faults", portal.url()))
            .json(&serde_json::json!({ "fail_numbers_after_pages": pages }))
            .send()
    };
    fault(Some(1)).await.unwrap();
    let err = account.numbers().sync(BIG, true, &no_progress).await.unwrap_err();
    assert_ne!(err.code, kabinet_core::ErrorCode::Cache);
    let after = everything(&account, BIG).await;
    assert_eq!(after.len(), before.len());
    assert!(after == before, "the cache is unchanged");
    assert_eq!(account.numbers().status(BIG).await.unwrap().synced_at, status_before);

    // An incremental one fails the same way, and changes nothing.
    fault(Some(0)).await.unwrap();
    account.numbers().sync(BIG, false, &no_progress).await.unwrap_err();
    assert!(everything(&account, BIG).await == before);

    // Once the portal is well again, the change arrives.
    fault(None).await.unwrap();
    let report = account.numbers().sync(BIG, false, &no_progress).await.unwrap();
    assert_eq!(report.written, 1);
    let changed = account.numbers().window(BIG, &text("77780000001"), 0, 1).await.unwrap();
    assert_ne!(changed.rows[0].balance, before.iter().find(|n| n.msisdn == "77780000001").unwrap().balance);
}

#[tokio::test]
async fn profile_parts_are_cached_and_secrets_are_not() {
    let (dir, portal, account) = setup(Seed::Demo).await;
    account.numbers().sync(1, false, &no_progress).await.unwrap();
    let detail = account.numbers().detail("77010542007").await.unwrap();
    assert!(!detail.offline);
    let secrets = account.numbers().sim_secrets("77010542007").await.unwrap();
    assert_eq!(secrets.pin2, "8649");
    account.numbers().allowances("77010542007").await.unwrap();
    account.numbers().services("77010542007").await.unwrap();
    let (from, to) = kabinet_core::kz::last_month(chrono::Utc::now());
    let usage = account.numbers().usage("77010542007", from, to, kabinet_core::api::UsageKind::All).await.unwrap();

    portal.shutdown().await;
    let offline = account.numbers().detail("77010542007").await.unwrap();
    assert!(offline.offline);
    assert_eq!(offline.data, detail.data);
    assert!(account.numbers().allowances("77010542007").await.unwrap().offline);
    assert!(account.numbers().services("77010542007").await.unwrap().offline);
    let cached_usage =
        account.numbers().usage("77010542007", from, to, kabinet_core::api::UsageKind::All).await.unwrap();
    assert_eq!(cached_usage.data, usage.data);
    assert!(account.numbers().sim_secrets("77010542007").await.unwrap_err().is_unreachable());
    assert!(account
        .act()
        .send_as::<ServiceChange>("77010542007", &Action::ServiceEnable { service: "landline-10".into() })
        .await
        .unwrap_err()
        .is_unreachable());
    // Never opened: nothing to show.
    assert!(account.numbers().detail("77010542006").await.is_err());

    // No PIN or PUK anywhere in the cache file.
    drop(account);
    let mut bytes = Vec::new();
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().unwrap().to_string_lossy().starts_with("cache.sqlite") {
            bytes.extend(std::fs::read(path).unwrap());
        }
    }
    let haystack = String::from_utf8_lossy(&bytes);
    assert!(!haystack.contains("51352846") && !haystack.contains("55752910"), "a PUK reached the cache");
}
