//! Two administrators, one cache: what one of them cached (the numbers list, its search, the
//! sync state, number profiles) is never shown to the other, on the same computer and portal.

use kabinet_core::account::Account;
use kabinet_core::cache::numbers::NumberFilter;
use kabinet_core::cache::Cache;
use kabinet_core::client::PortalClient;
use kabinet_core::secrets::Vault;
use kabinet_core::ErrorCode;
use portal_sandbox::seed::DEMO_TELE2_PHONE;
use portal_sandbox::{Config, DEMO_LOGIN_PASSWORD, DEMO_LOGIN_PHONE};
use std::sync::Arc;

/// A number of company 1, granted to the demo administrator and not to the Tele2 one.
const NUMBER: &str = "77010542007";

fn no_progress(_: kabinet_core::sync::SyncProgress) {}

fn text(t: &str) -> NumberFilter {
    NumberFilter { text: t.into(), ..Default::default() }
}

#[tokio::test]
async fn one_administrators_cache_is_not_readable_by_another() {
    let dir = tempfile::tempdir().unwrap();
    let portal =
        portal_sandbox::start(Config::demo("127.0.0.1:0".parse().unwrap(), dir.path().join("portal"))).await.unwrap();
    let cache = Cache::open(&dir.path().join("cache.sqlite")).await.unwrap();
    // One account object, as the app has per portal: A signs in, works, signs out; B signs in.
    let account =
        Account::new(PortalClient::new(&portal.url()).unwrap(), cache.clone(), Arc::new(Vault::memory_only()), "demo");

    account.login(DEMO_LOGIN_PHONE, DEMO_LOGIN_PASSWORD, false).await.unwrap();
    account.companies().await.unwrap();
    account.numbers().sync(1, false, &no_progress).await.unwrap();
    let a_list = account.numbers().window(1, &NumberFilter::default(), 0, 100).await.unwrap();
    assert!(a_list.total > 0);
    assert_eq!(account.numbers().window(1, &text("0542007"), 0, 100).await.unwrap().total, 1, "A's search index built");
    assert!(account.numbers().status(1).await.unwrap().synced_at.is_some());
    account.numbers().detail(NUMBER).await.unwrap();
    account.logout().await;

    assert_eq!(
        account.numbers().window(1, &NumberFilter::default(), 0, 100).await.unwrap_err().code,
        ErrorCode::NotSignedIn,
        "no list without a signed-in administrator"
    );
    assert_eq!(account.numbers().all(1, &NumberFilter::default()).await.unwrap_err().code, ErrorCode::NotSignedIn);

    account.login(DEMO_TELE2_PHONE, DEMO_LOGIN_PASSWORD, false).await.unwrap();
    let b_list = account.numbers().window(1, &NumberFilter::default(), 0, 100).await.unwrap();
    assert_eq!((b_list.total, b_list.rows.len()), (0, 0), "B sees none of A's list");
    assert_eq!(account.numbers().window(1, &text("0542007"), 0, 100).await.unwrap().total, 0, "nor A's search");
    assert!(account.numbers().all(1, &text("7")).await.unwrap().is_empty(), "nor exports of it");
    let status = account.numbers().status(1).await.unwrap();
    assert_eq!((status.synced_at, status.tariffs.len()), (None, 0), "nor A's sync state and tariffs");

    // B's first sync of its own company is full: A's watermarks are not B's.
    assert!(account.numbers().sync(3, false, &no_progress).await.unwrap().full);

    // Offline, B is not shown A's cached number profile.
    portal.shutdown().await;
    let err = account.numbers().detail(NUMBER).await.unwrap_err();
    assert!(err.is_unreachable(), "nothing cached for B: {err:?}");
    let err = account.numbers().services(NUMBER).await.unwrap_err();
    assert!(err.is_unreachable(), "nothing cached for B: {err:?}");
}
