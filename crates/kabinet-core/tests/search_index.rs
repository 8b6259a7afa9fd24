//! The search index follows an incremental sync without a rebuild: the rows the sync wrote are
//! applied to the kept index (`SearchIndex::rows_changed`), and searches and sorted windows see
//! them at once.

use kabinet_core::account::Account;
use kabinet_core::action::Action;
use kabinet_core::api::ServiceChange;
use kabinet_core::cache::numbers::{NumberFilter, NumberOrder, SortColumn};
use kabinet_core::cache::{Cache, Owner};
use kabinet_core::client::PortalClient;
use kabinet_core::secrets::Vault;
use portal_sandbox::{Config, Seed, DEMO_LOGIN_PASSWORD, DEMO_LOGIN_PHONE};
use std::sync::Arc;

#[tokio::test]
async fn an_incremental_sync_is_applied_to_the_kept_index() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = Config::demo("127.0.0.1:0".parse().unwrap(), dir.path().join("portal"));
    config.seed = Seed::Demo;
    let _portal = portal_sandbox::start(config).await.unwrap();
    let cache = Cache::open(&dir.path().join("cache.sqlite")).await.unwrap();
    let account =
        Account::new(PortalClient::new(&_portal.url()).unwrap(), cache.clone(), Arc::new(Vault::memory_only()), "test");
    account.login(DEMO_LOGIN_PHONE, DEMO_LOGIN_PASSWORD, false).await.unwrap();
    account.companies().await.unwrap();
    let owner = Owner::new("test", DEMO_LOGIN_PHONE);
    let sync = || kabinet_core::sync::sync_company(account.client(), &cache, &owner, 1, None, false, &|_| {});
    sync().await.unwrap();
    let by_balance =
        NumberFilter { order: NumberOrder { column: SortColumn::Balance, descending: true }, ..Default::default() };
    let before = account.numbers().window(1, &by_balance, 0, 500).await.unwrap();
    assert!(cache.search().index_bytes(&owner, 1).is_some(), "the sorted window built the index");

    // A service bought on the portal changes a balance; the incremental sync writes that row.
    let msisdn = "77010542007";
    let change = account
        .act()
        .send_as::<ServiceChange>(msisdn, &Action::ServiceEnable { service: "landline-10".into() })
        .await
        .unwrap();
    let report = sync().await.unwrap();
    assert_eq!(report.written, 1);
    assert!(cache.search().index_bytes(&owner, 1).is_some(), "the index is kept, not dropped for a rebuild");

    let after = account.numbers().window(1, &by_balance, 0, 500).await.unwrap();
    assert_eq!(after.total, before.total);
    let mut expected: Vec<(i64, String)> = before
        .rows
        .iter()
        .map(|n| (if n.msisdn == msisdn { change.number.balance.0 } else { n.balance.0 }, n.msisdn.clone()))
        .collect();
    // Balance descending, ties by number.
    expected.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let got: Vec<(i64, String)> = after.rows.iter().map(|n| (n.balance.0, n.msisdn.clone())).collect();
    assert_eq!(got, expected, "the sorted order sees the new balance");
    let typed = NumberFilter { text: "+7 701 054 20 07".into(), ..Default::default() };
    let found = account.numbers().window(1, &typed, 0, 10).await.unwrap();
    assert_eq!((found.total, found.rows[0].balance), (1, change.number.balance));
}
