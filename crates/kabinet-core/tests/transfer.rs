//! Balance transfer through `account.transfer()` against a real sandbox: what a sender can give
//! from the cache; a transfer updates both numbers' cached rows and profiles (offline too); one
//! intent retried after lost answers and a re-login moves the money once; an app killed after
//! the portal acted and before its answer resolves the intent with its own key after a restart;
//! refusals each with their own error and field, and nothing sent for the ones the cached
//! figures show.

use kabinet_core::account::Account;
use kabinet_core::api::NumberDetail;
use kabinet_core::cache::numbers::NumberFilter;
use kabinet_core::cache::Cache;
use kabinet_core::client::PortalClient;
use kabinet_core::domain::Tiyn;
use kabinet_core::error::{Error, ErrorCode, Reason};
use kabinet_core::secrets::Vault;
use portal_sandbox::{Config, RunningSandbox, DEMO_LOGIN_PASSWORD, DEMO_LOGIN_PHONE};
use sqlx::Connection;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Active, credit, 3 750 ₸ remaining, no debt: can give 3 750 ₸.
const SENDER: &str = "77012115526";
/// The manual's number: 8 476,90 ₸ remaining, 13 222 ₸ debt: can give nothing.
const MANUAL: &str = "77010542007";
/// Blocked: may receive.
const BLOCKED: &str = "77010542006";
/// A number of company 2 (also the demo administrator's).
const COMPANY_2: &str = "77022300000";
/// A number of company 3 (not the demo administrator's).
const COMPANY_3: &str = "77754100000";

async fn portal(dir: &Path) -> RunningSandbox {
    portal_sandbox::start(Config::demo("127.0.0.1:0".parse().unwrap(), dir.join("portal"))).await.unwrap()
}

/// Signed in on the cache file, with companies 1 and 2 synced.
async fn signed_in(portal: &RunningSandbox, cache_file: &Path) -> Account {
    let cache = Cache::open(cache_file).await.unwrap();
    let account =
        Account::new(PortalClient::new(&portal.url()).unwrap(), cache, Arc::new(Vault::memory_only()), "test");
    account.login(DEMO_LOGIN_PHONE, DEMO_LOGIN_PASSWORD, false).await.unwrap();
    account.companies().await.unwrap();
    for company in [1, 2] {
        account.numbers().sync(company, false, &|_| {}).await.unwrap();
    }
    account
}

/// The sandbox's own database, read as a second reader: what the portal did.
async fn portal_db(dir: &Path) -> sqlx::SqliteConnection {
    let url = format!("sqlite://{}?mode=ro", dir.join("portal").join("portal.sqlite").display());
    sqlx::SqliteConnection::connect(&url).await.unwrap()
}

async fn portal_balance(dir: &Path, msisdn: &str) -> i64 {
    sqlx::query_scalar("SELECT balance FROM numbers WHERE msisdn = ?")
        .bind(msisdn)
        .fetch_one(&mut portal_db(dir).await)
        .await
        .unwrap()
}

/// Transfers the portal made, and history rows of transfers it wrote (refusals included).
async fn portal_counts(dir: &Path) -> (i64, i64) {
    let mut db = portal_db(dir).await;
    let transfers = sqlx::query_scalar("SELECT COUNT(*) FROM transfers").fetch_one(&mut db).await.unwrap();
    let rows = sqlx::query_scalar("SELECT COUNT(*) FROM actions WHERE action LIKE 'Balance transfer%'")
        .fetch_one(&mut db)
        .await
        .unwrap();
    (transfers, rows)
}

async fn delay_answers(portal: &RunningSandbox, ms: Option<u64>) {
    let status = reqwest::Client::new()
        .post(format!("{}sandbox/faults", portal.url()))
        .json(&serde_json::json!({ "delay_answers_ms": ms }))
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(status, 204);
}

/// Waits until the portal shows the sender's balance at `expected` (the transfer was made).
async fn wait_for_balance(dir: &Path, msisdn: &str, expected: i64) {
    let started = Instant::now();
    while portal_balance(dir, msisdn).await != expected {
        assert!(started.elapsed() < Duration::from_secs(10), "the portal never moved the money");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// An error's code, field and reason.
type Refusal<'a> = (ErrorCode, Option<&'a str>, Option<Reason>);

fn refusal(e: &Error) -> Refusal<'_> {
    (e.code, e.field.as_deref(), e.reason.clone())
}

#[tokio::test]
async fn what_a_sender_can_give_is_read_from_the_cache() {
    let dir = tempfile::tempdir().unwrap();
    let portal = portal(dir.path()).await;
    let account = signed_in(&portal, &dir.path().join("cache.sqlite")).await;
    let transfer = account.transfer();
    assert_eq!(transfer.available(SENDER).await.unwrap(), Tiyn(375_000));
    assert_eq!(transfer.available(MANUAL).await.unwrap(), Tiyn::ZERO, "its debt is more than its remaining limit");
    // A Blocked number gives nothing because of its state: said with the rule, not as "0".
    let e = transfer.available(BLOCKED).await.unwrap_err();
    assert_eq!(refusal(&e), (ErrorCode::NotAllowedInState, Some("sender"), Some(Reason::TransferSenderState)));
    assert_eq!(e.param("state"), Some("blocked"));
    // Offline too: it is the cache's figure.
    portal.shutdown().await;
    assert_eq!(transfer.available(SENDER).await.unwrap(), Tiyn(375_000));
    let e = transfer.available(COMPANY_3).await.unwrap_err();
    assert_eq!(refusal(&e), (ErrorCode::NotFound, Some("sender"), Some(Reason::TransferNotCompanyNumber)));
    assert_eq!(transfer.available("123").await.unwrap_err().code, ErrorCode::InvalidPhone);
}

#[tokio::test]
async fn a_transfer_updates_both_numbers_in_the_cached_list_and_profiles() {
    let dir = tempfile::tempdir().unwrap();
    let portal = portal(dir.path()).await;
    let account = signed_in(&portal, &dir.path().join("cache.sqlite")).await;
    // Both profiles were opened before (so they are cached).
    account.numbers().detail(SENDER).await.unwrap();
    account.numbers().detail(MANUAL).await.unwrap();

    let done = account.transfer().send(1, SENDER, "+7 701 054 20 07", Tiyn(100_050)).await.unwrap();
    assert_eq!((done.from.balance, done.to.balance), (Tiyn(375_000 - 100_050), Tiyn(847_690 + 100_050)));
    assert_eq!(done.amount, Tiyn(100_050));
    assert!(account.intents().pending().await.unwrap().is_empty(), "answered: the intent is over");
    assert_eq!(account.transfer().available(SENDER).await.unwrap(), Tiyn(375_000 - 100_050));

    portal.shutdown().await;
    let rows = account.numbers().all(1, &NumberFilter::default()).await.unwrap();
    let row = |m: &str| rows.iter().find(|n| n.msisdn == m).unwrap().clone();
    assert_eq!(row(SENDER), done.from);
    assert_eq!(row(MANUAL), done.to);
    for summary in [&done.from, &done.to] {
        let cached: kabinet_core::cache::Cached<NumberDetail> =
            account.numbers().detail(&summary.msisdn).await.unwrap();
        assert!(cached.offline);
        assert_eq!(cached.data.summary, *summary, "the profile shows the new figures offline");
    }
    // A search by a changed balance finds the row (the search index kept up).
    let found = account.numbers().all(1, &NumberFilter { text: SENDER.into(), ..Default::default() }).await.unwrap();
    assert_eq!(found[0].balance, Tiyn(375_000 - 100_050));
}

#[tokio::test]
async fn one_transfer_sent_three_times_after_lost_answers_and_a_re_login_moves_the_money_once() {
    let dir = tempfile::tempdir().unwrap();
    let portal = portal(dir.path()).await;
    let account = Arc::new(signed_in(&portal, &dir.path().join("cache.sqlite")).await);
    delay_answers(&portal, Some(2_000)).await;
    let send = |account: Arc<Account>| {
        tokio::spawn(async move { account.transfer().send(1, SENDER, BLOCKED, Tiyn(300_000)).await })
    };

    // 1: the portal acts; the answer never comes back (the user gives up waiting).
    let first = send(account.clone());
    wait_for_balance(dir.path(), SENDER, 375_000 - 300_000).await;
    first.abort();
    let pending = account.intents().pending().await.unwrap();
    assert_eq!(pending.len(), 1, "{pending:?}");
    // The list is synced meanwhile: the cache now shows the money gone (75 000 tiyn left),
    // which would refuse a NEW transfer of this size; the unanswered one is still sent.
    account.numbers().sync(1, false, &|_| {}).await.unwrap();
    assert_eq!(account.transfer().available(SENDER).await.unwrap(), Tiyn(75_000));

    // 2: signed in again (the session ended), clicked again, and again no answer in time.
    account.logout().await;
    account.login(DEMO_LOGIN_PHONE, DEMO_LOGIN_PASSWORD, false).await.unwrap();
    let second =
        tokio::time::timeout(Duration::from_millis(300), account.transfer().send(1, SENDER, BLOCKED, Tiyn(300_000)))
            .await;
    assert!(second.is_err(), "the answer is held: the request times out");

    // 3: the answer arrives: the first one, replayed.
    delay_answers(&portal, None).await;
    let done = send(account.clone()).await.unwrap().unwrap();
    assert_eq!(done.from.balance, Tiyn(375_000 - 300_000));
    assert_eq!(portal_balance(dir.path(), SENDER).await, 375_000 - 300_000);
    assert_eq!(portal_balance(dir.path(), BLOCKED).await, 847_690 + 300_000);
    assert_eq!(portal_counts(dir.path()).await, (1, 2), "one transfer, its two history rows");
    assert!(account.intents().pending().await.unwrap().is_empty());
}

#[tokio::test]
async fn an_app_killed_before_the_answer_resolves_the_transfer_with_its_key_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let portal = portal(dir.path()).await;
    let cache_file = dir.path().join("cache.sqlite");
    let account = Arc::new(signed_in(&portal, &cache_file).await);
    delay_answers(&portal, Some(3_000)).await;
    let task = tokio::spawn({
        let account = account.clone();
        async move { account.transfer().send(1, SENDER, MANUAL, Tiyn(12_345)).await }
    });
    wait_for_balance(dir.path(), SENDER, 375_000 - 12_345).await;
    // The app is killed: the task dies with the request unanswered, the account goes.
    task.abort();
    assert!(task.await.unwrap_err().is_cancelled());
    drop(Arc::into_inner(account).expect("no other holder of the account"));

    delay_answers(&portal, None).await;
    // Started again and signed in, the list not synced yet: the cache still has the old figures.
    let restarted = Account::new(
        PortalClient::new(&portal.url()).unwrap(),
        Cache::open(&cache_file).await.unwrap(),
        Arc::new(Vault::memory_only()),
        "test",
    );
    restarted.login(DEMO_LOGIN_PHONE, DEMO_LOGIN_PASSWORD, false).await.unwrap();
    assert_eq!(restarted.transfer().available(SENDER).await.unwrap(), Tiyn(375_000));
    let pending = restarted.intents().pending().await.unwrap();
    assert_eq!(pending.len(), 1, "{pending:?}");
    let intent = &pending[0];
    assert_eq!((intent.action.id(), intent.msisdn.as_deref()), ("transfer", Some(SENDER)));
    assert_eq!(intent.call.body["amount_tiyn"], 12_345);
    let resolved = restarted.resolve_intent(&intent.key).await.unwrap();
    assert!(resolved.done && resolved.refused.is_none(), "the portal replayed its answer: {resolved:?}");
    assert_eq!(portal_balance(dir.path(), SENDER).await, 375_000 - 12_345, "moved once");
    assert_eq!(portal_balance(dir.path(), MANUAL).await, 847_690 + 12_345);
    assert_eq!(portal_counts(dir.path()).await, (1, 2));
    assert!(restarted.intents().pending().await.unwrap().is_empty(), "the intent is gone");
    // The replayed answer went into the cache, as after a send.
    assert_eq!(restarted.transfer().available(SENDER).await.unwrap(), Tiyn(375_000 - 12_345));
}

#[tokio::test]
async fn refusals_have_their_own_error_and_field_and_the_ones_the_cache_shows_send_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let portal = portal(dir.path()).await;
    let account = signed_in(&portal, &dir.path().join("cache.sqlite")).await;
    let transfer = account.transfer();
    let cases: [(&str, &str, i64, Refusal); 8] = [
        (
            SENDER,
            MANUAL,
            375_001,
            (ErrorCode::InsufficientFunds, Some("amount"), Some(Reason::TransferExceedsAvailable)),
        ),
        (MANUAL, SENDER, 1, (ErrorCode::InsufficientFunds, Some("amount"), Some(Reason::TransferExceedsAvailable))),
        (SENDER, SENDER, 100, (ErrorCode::InvalidInput, Some("recipient"), Some(Reason::TransferSameNumber))),
        (SENDER, COMPANY_2, 100, (ErrorCode::NotFound, Some("recipient"), Some(Reason::TransferNotCompanyNumber))),
        (COMPANY_3, SENDER, 100, (ErrorCode::NotFound, Some("sender"), Some(Reason::TransferNotCompanyNumber))),
        (BLOCKED, SENDER, 100, (ErrorCode::NotAllowedInState, Some("sender"), Some(Reason::TransferSenderState))),
        (SENDER, MANUAL, 0, (ErrorCode::InvalidInput, Some("amount"), None)),
        (SENDER, "7701", 100, (ErrorCode::InvalidPhone, Some("recipient"), None)),
    ];
    for (from, to, amount, expected) in cases {
        let e = transfer.send(1, from, to, Tiyn(amount)).await.unwrap_err();
        assert_eq!(refusal(&e), expected, "{from} → {to}: {amount}");
        if e.reason == Some(Reason::TransferExceedsAvailable) {
            let available = if from == MANUAL { "0" } else { "375000" };
            assert_eq!(e.param("available"), Some(available));
        }
    }
    // Nothing was sent: no transfer, no history row, no intent, balances as they were.
    assert_eq!(portal_counts(dir.path()).await, (0, 0));
    assert!(account.intents().pending().await.unwrap().is_empty());
    assert_eq!(portal_balance(dir.path(), SENDER).await, 375_000);

    // The portal stays the authority: cached figures that allow a transfer the portal's do
    // not are refused by the portal with the same error, and the intent ends with its answer.
    let url = format!("sqlite://{}", dir.path().join("portal").join("portal.sqlite").display());
    let mut db = sqlx::SqliteConnection::connect(&url).await.unwrap();
    sqlx::query("UPDATE numbers SET balance = 1000 WHERE msisdn = ?").bind(SENDER).execute(&mut db).await.unwrap();
    let e = transfer.send(1, SENDER, MANUAL, Tiyn(2_000)).await.unwrap_err();
    assert_eq!(refusal(&e), (ErrorCode::InsufficientFunds, Some("amount"), Some(Reason::TransferExceedsAvailable)));
    assert_eq!(e.param("available"), Some("1000"));
    assert_eq!(portal_counts(dir.path()).await, (0, 2), "the portal's refusal is in its history");
    assert!(account.intents().pending().await.unwrap().is_empty(), "a refusal is an answer");
}
