//! Requests that finish later, followed by core's watcher against a real sandbox: a block is
//! kept in the cache when the portal accepts it, and a restarted app (a new account on the same
//! cache file) picks it up again and completes it, refreshing the number's cached row.

use chrono::{Duration, Utc};
use kabinet_core::account::Account;
use kabinet_core::action::Action;
use kabinet_core::api::RequestRecord;
use kabinet_core::api::{NumberState, RequestKind, RequestResult, RequestState};
use kabinet_core::cache::numbers::NumberFilter;
use kabinet_core::cache::Cache;
use kabinet_core::client::PortalClient;
use kabinet_core::secrets::Vault;
use portal_sandbox::{Config, RunningSandbox, DEMO_LOGIN_PASSWORD, DEMO_LOGIN_PHONE};
use std::path::Path;
use std::sync::Arc;

/// The manual's number: Active in the demo.
const MANUAL: &str = "77010542007";

async fn signed_in(portal: &RunningSandbox, cache_file: &Path) -> Account {
    let cache = Cache::open(cache_file).await.unwrap();
    let account =
        Account::new(PortalClient::new(&portal.url()).unwrap(), cache, Arc::new(Vault::memory_only()), "test");
    account.login(DEMO_LOGIN_PHONE, DEMO_LOGIN_PASSWORD, false).await.unwrap();
    account
}

async fn cached_state(account: &Account) -> NumberState {
    let filter = NumberFilter { text: MANUAL.into(), ..Default::default() };
    account.numbers().all(1, &filter).await.unwrap().remove(0).state
}

#[tokio::test]
async fn the_watcher_resumes_an_open_request_after_a_restart_and_refreshes_the_number() {
    let dir = tempfile::tempdir().unwrap();
    let portal =
        portal_sandbox::start(Config::demo("127.0.0.1:0".parse().unwrap(), dir.path().join("portal"))).await.unwrap();
    let cache_file = dir.path().join("cache.sqlite");

    let first = signed_in(&portal, &cache_file).await;
    first.companies().await.unwrap();
    first.numbers().sync(1, false, &|_| {}).await.unwrap();
    let request = first.act().send_as::<RequestRecord>(MANUAL, &Action::Block).await.unwrap();
    assert_eq!((request.kind.clone(), request.state.clone()), (RequestKind::Block, RequestState::InProcess));
    let kept = first.requests().of_number(MANUAL).await.unwrap();
    assert_eq!(kept.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), [request.id.as_str()], "kept in the cache");
    // Still in process on the portal: asking changes nothing.
    let later = Utc::now() + Duration::minutes(1);
    assert!(first.follow_up().poll_due(later).await.unwrap().is_empty());
    assert_eq!(cached_state(&first).await, NumberState::InProcess);
    drop(first);

    // The portal completes it while the app is closed; the app starts again on the same cache.
    portal.clock().advance(10);
    let second = signed_in(&portal, &cache_file).await;
    let changed = second.follow_up().poll_due(Utc::now() + Duration::minutes(10)).await.unwrap();
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert_eq!(changed[0].id, request.id);
    assert_eq!(
        (changed[0].state.clone(), changed[0].result.clone()),
        (RequestState::Done, Some(RequestResult::Blocked))
    );
    assert!(changed[0].completed_at.is_some());
    assert_eq!(cached_state(&second).await, NumberState::Blocked, "the list's row follows");
    assert_eq!(second.requests().of_number(MANUAL).await.unwrap()[0].state, RequestState::Done);
    // Done: never asked about again.
    assert!(second.follow_up().poll_due(Utc::now() + Duration::days(1)).await.unwrap().is_empty());
}

#[tokio::test]
async fn signed_out_no_request_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let portal =
        portal_sandbox::start(Config::demo("127.0.0.1:0".parse().unwrap(), dir.path().join("portal"))).await.unwrap();
    let cache_file = dir.path().join("cache.sqlite");
    let admin = signed_in(&portal, &cache_file).await;
    admin.act().send_as::<RequestRecord>(MANUAL, &Action::Block).await.unwrap();
    assert_eq!(admin.requests().of_number(MANUAL).await.unwrap().len(), 1);
    admin.logout().await;
    assert_eq!(
        admin.requests().of_number(MANUAL).await.unwrap_err().code,
        kabinet_core::ErrorCode::NotSignedIn,
        "signed out, nothing is read"
    );
}

/// Core's one watcher follows a block a BULK run started, like one sent alone: the change comes
/// to whoever listens (the app's window, here a channel) and the cached row follows, no sync.
#[tokio::test]
async fn the_core_watcher_follows_a_bulk_block_to_its_end() {
    use kabinet_core::action::Action;
    use kabinet_core::bulk::Selection;
    let dir = tempfile::tempdir().unwrap();
    let portal =
        portal_sandbox::start(Config::demo("127.0.0.1:0".parse().unwrap(), dir.path().join("portal"))).await.unwrap();
    let account = Arc::new(signed_in(&portal, &dir.path().join("cache.sqlite")).await);
    account.companies().await.unwrap();
    account.numbers().sync(1, false, &|_| {}).await.unwrap();

    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let followed = account.clone();
    let watcher = tokio::spawn(async move {
        kabinet_core::watcher::follow(
            move || {
                let account = followed.clone();
                async move { account }
            },
            move |record| {
                tx.send(record.clone()).ok();
            },
        )
        .await
    });

    let run = account.bulk().preview(1, &Selection::Numbers(vec![MANUAL.into()]), &Action::Block).await.unwrap();
    let ended = account.bulk().run(&run.id, |_| {}).await.unwrap();
    assert_eq!((ended.done, ended.failed), (1, 0));
    assert_eq!(cached_state(&account).await, NumberState::InProcess);
    portal.clock().advance(10);

    let done = tokio::time::timeout(std::time::Duration::from_secs(30), async {
        loop {
            let record = rx.recv().await.expect("the watcher runs");
            if record.state == RequestState::Done {
                return record;
            }
        }
    })
    .await
    .expect("the watcher reports the bulk block done");
    assert_eq!((done.kind, done.msisdn.as_deref()), (RequestKind::Block, Some(MANUAL)));
    assert_eq!(cached_state(&account).await, NumberState::Blocked, "the list's row follows");
    watcher.abort();
}
