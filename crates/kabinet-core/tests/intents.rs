//! One Idempotency-Key per user intent, against a real sandbox: a double click, a retry after
//! the answer was lost and a new sign-in, and a restart all send the first key, so the portal
//! acts once; a refusal ends the intent; a left-over one is resolved with its own key.

use chrono::{Duration, Utc};
use kabinet_core::account::Account;
use kabinet_core::action::{Action, ActionKind};
use kabinet_core::api::RequestRecord;
use kabinet_core::cache::{intents as cached, Cache, Owner};
use kabinet_core::client::{Call, PortalClient};
use kabinet_core::domain::Phone;
use kabinet_core::error::{ErrorCode, Reason};
use kabinet_core::secrets::Vault;
use portal_sandbox::{Config, RunningSandbox, DEMO_LOGIN_PASSWORD, DEMO_LOGIN_PHONE};
use std::path::Path;
use std::sync::Arc;

/// The manual's number: Active in the demo.
const MANUAL: &str = "77010542007";
/// The manual's Blocked number.
const BLOCKED: &str = "77010542006";

async fn portal(dir: &Path) -> RunningSandbox {
    portal_sandbox::start(Config::demo("127.0.0.1:0".parse().unwrap(), dir.join("portal"))).await.unwrap()
}

async fn signed_in(portal: &RunningSandbox, cache_file: &Path) -> Account {
    let cache = Cache::open(cache_file).await.unwrap();
    let account =
        Account::new(PortalClient::new(&portal.url()).unwrap(), cache, Arc::new(Vault::memory_only()), "test");
    account.login(DEMO_LOGIN_PHONE, DEMO_LOGIN_PASSWORD, false).await.unwrap();
    account
}

fn owner() -> Owner {
    Owner::new("test", DEMO_LOGIN_PHONE)
}

/// Keeps an intent as the app does before sending it (and then, here, dies).
async fn keep(cache: &Cache, action: &str, msisdn: Option<&str>, call: &Call, at: chrono::DateTime<Utc>) -> String {
    let text = serde_json::to_string(call).unwrap();
    let new = cached::NewIntent { key: None, action, msisdn, call: &text, run_id: None };
    cached::open(cache.pool(), &owner(), new, at).await.unwrap()
}

/// What the app does when the user confirms a block and the answer is lost on the way back:
/// the intent is kept with its key, and the portal acted.
async fn block_with_lost_answer(account: &Account, cache: &Cache) -> String {
    let call = Call::of(&Action::Block, &Phone::parse(MANUAL).unwrap()).unwrap();
    let key = keep(cache, "block", Some(MANUAL), &call, Utc::now()).await;
    let _lost: serde_json::Value = account.client().send_call(&call, &key).await.unwrap();
    key
}

#[tokio::test]
async fn a_double_click_sends_one_request() {
    let dir = tempfile::tempdir().unwrap();
    let portal = portal(dir.path()).await;
    let account = signed_in(&portal, &dir.path().join("cache.sqlite")).await;
    let (first, second) = (account.act(), account.act());
    let (a, b) = tokio::join!(
        first.send_as::<RequestRecord>(MANUAL, &Action::Block),
        second.send_as::<RequestRecord>(MANUAL, &Action::Block)
    );
    // Two keys would have made the second a refusal (a request is already in process).
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.id, b.id);
    assert!(account.intents().pending().await.unwrap().is_empty(), "answered: nothing left");
}

#[tokio::test]
async fn a_retry_after_a_lost_answer_and_a_new_sign_in_replays_the_first_answer() {
    let dir = tempfile::tempdir().unwrap();
    let portal = portal(dir.path()).await;
    let cache_file = dir.path().join("cache.sqlite");
    let account = signed_in(&portal, &cache_file).await;
    let cache = Cache::open(&cache_file).await.unwrap();
    let key = block_with_lost_answer(&account, &cache).await;

    account.logout().await;
    account.login(DEMO_LOGIN_PHONE, DEMO_LOGIN_PASSWORD, false).await.unwrap();
    let pending = account.intents().pending().await.unwrap();
    assert_eq!(pending.iter().map(|i| i.key.as_str()).collect::<Vec<_>>(), [key.as_str()]);
    // The user clicks Block again: the same request is the same intent, sent with its key.
    let record = account.act().send_as::<RequestRecord>(MANUAL, &Action::Block).await.unwrap();
    assert_eq!(record.msisdn.as_deref(), Some(MANUAL));
    assert!(account.intents().pending().await.unwrap().is_empty());
    // Now it is over: the next block is a new intent with a new key, which the portal refuses.
    let again = account.act().send_as::<RequestRecord>(MANUAL, &Action::Block).await.unwrap_err();
    assert_eq!(again.code, ErrorCode::NotAllowedInState, "{again:?}");
    assert!(account.intents().pending().await.unwrap().is_empty(), "a refusal is an answer");
}

#[tokio::test]
async fn after_a_restart_a_left_over_intent_is_resolved_with_its_own_key() {
    let dir = tempfile::tempdir().unwrap();
    let portal = portal(dir.path()).await;
    let cache_file = dir.path().join("cache.sqlite");
    let first = signed_in(&portal, &cache_file).await;
    let cache = Cache::open(&cache_file).await.unwrap();
    let acted = block_with_lost_answer(&first, &cache).await;
    // And one the portal never received (the app died before sending), on the manual's
    // Blocked number (bans may be set on it).
    let unsent_call =
        Call::of(&Action::BanSet { ban: kabinet_core::api::Ban::Mykcell }, &Phone::parse(BLOCKED).unwrap()).unwrap();
    let unsent = keep(&cache, "ban_set", Some(BLOCKED), &unsent_call, Utc::now()).await;
    drop(first);

    let second = signed_in(&portal, &cache_file).await;
    let pending = second.intents().pending().await.unwrap();
    assert_eq!(pending.len(), 2, "{pending:?}");
    let resolved = second.resolve_intent(&acted).await.unwrap();
    assert!(resolved.done && resolved.refused.is_none(), "{resolved:?}");
    // The replayed request is followed by the watcher.
    let kept = second.requests().of_number(MANUAL).await.unwrap();
    assert_eq!(kept.len(), 1, "{kept:?}");
    let resolved = second.resolve_intent(&unsent).await.unwrap();
    assert!(resolved.done, "sent once now, with its key: {resolved:?}");
    let detail = second.numbers().detail(BLOCKED).await.unwrap().data;
    assert!(detail.general.ban_mykcell);
    assert!(second.intents().pending().await.unwrap().is_empty());
    let gone = second.resolve_intent(&acted).await.unwrap_err();
    assert_eq!(gone.reason, Some(Reason::IntentGone));
}

#[tokio::test]
async fn an_unanswered_intent_is_kept_and_one_too_old_is_not_re_sent() {
    let dir = tempfile::tempdir().unwrap();
    let portal = portal(dir.path()).await;
    let cache_file = dir.path().join("cache.sqlite");
    let account = signed_in(&portal, &cache_file).await;
    portal.shutdown().await;
    let err = account.act().send_as::<RequestRecord>(MANUAL, &Action::Block).await.unwrap_err();
    assert!(err.is_unreachable(), "{err:?}");
    assert_eq!(err.reason, Some(Reason::IntentUnanswered), "the user reads that it may not have been done");
    assert_eq!(account.intents().pending().await.unwrap().len(), 1);

    let cache = Cache::open(&cache_file).await.unwrap();
    let call = Call::of(&Action::Unblock, &Phone::parse(BLOCKED).unwrap()).unwrap();
    let old = keep(&cache, "unblock", None, &call, Utc::now() - Duration::hours(30)).await;
    let refused = account.resolve_intent(&old).await.unwrap_err();
    assert_eq!(refused.reason, Some(Reason::IntentTooOld));
    account.intents().dismiss(&old).await.unwrap();
    assert_eq!(account.intents().pending().await.unwrap().len(), 1);
}

#[tokio::test]
async fn an_ended_session_is_an_answer_nothing_was_done_and_nothing_is_left() {
    let dir = tempfile::tempdir().unwrap();
    let portal = portal(dir.path()).await;
    let account = signed_in(&portal, &dir.path().join("cache.sqlite")).await;
    // The portal ended the session (idle, or signed out elsewhere): it refuses before acting.
    account.client().set_token(Some(kabinet_core::client::Token::new("ended".into())));
    let err = account.act().send_as::<RequestRecord>(MANUAL, &Action::Block).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::SessionExpired);
    assert_eq!(err.reason, None, "not 'may not have completed': it was not done");
    account.login(DEMO_LOGIN_PHONE, DEMO_LOGIN_PASSWORD, false).await.unwrap();
    assert!(account.intents().pending().await.unwrap().is_empty(), "nothing left to resolve at sign-in");
    account.act().send_as::<RequestRecord>(MANUAL, &Action::Block).await.unwrap();
}

/// The intent's kind is stored as the text every version has written (`service_enable`), so a
/// cache written before the kinds were typed still reads; a kind this version does not know (a
/// newer version's) is not listed, and the others still are.
#[tokio::test]
async fn an_intents_kind_is_stored_as_the_text_older_caches_hold() {
    let dir = tempfile::tempdir().unwrap();
    let cache = Cache::open(&dir.path().join("cache.sqlite")).await.unwrap();
    let phone = Phone::parse(MANUAL).unwrap();
    let call = Call::of(&Action::ServiceEnable { service: "roaming".into() }, &phone).unwrap();
    keep(&cache, ActionKind::ServiceEnable.id(), Some(MANUAL), &call, Utc::now()).await;
    let stored: (String,) = sqlx::query_as("SELECT action FROM intents").fetch_one(cache.pool()).await.unwrap();
    assert_eq!(stored.0, "service_enable");
    let newer = Call::of(&Action::Block, &phone).unwrap();
    keep(&cache, ActionKind::Block.id(), Some(MANUAL), &newer, Utc::now()).await;
    sqlx::query("UPDATE intents SET action = 'freeze' WHERE action = 'block'").execute(cache.pool()).await.unwrap();
    let pending = cached::pending(cache.pool(), &owner()).await.unwrap();
    assert_eq!(pending.iter().map(|i| i.action).collect::<Vec<_>>(), [ActionKind::ServiceEnable]);
}

/// A left-over intent's answer is kept as the same action's answer is when sent now: a ban set
/// by resolving it is in the cached profile, so the profile shows it offline too.
#[tokio::test]
async fn a_resolved_ban_is_kept_in_the_cached_profile() {
    let dir = tempfile::tempdir().unwrap();
    let portal = portal(dir.path()).await;
    let cache_file = dir.path().join("cache.sqlite");
    let account = signed_in(&portal, &cache_file).await;
    assert!(!account.numbers().detail(BLOCKED).await.unwrap().data.general.ban_mykcell);
    let cache = Cache::open(&cache_file).await.unwrap();
    let call =
        Call::of(&Action::BanSet { ban: kabinet_core::api::Ban::Mykcell }, &Phone::parse(BLOCKED).unwrap()).unwrap();
    let key = keep(&cache, "ban_set", Some(BLOCKED), &call, Utc::now()).await;

    assert!(account.resolve_intent(&key).await.unwrap().done);
    portal.shutdown().await;
    let cached = account.numbers().detail(BLOCKED).await.unwrap();
    assert!(cached.offline);
    assert!(cached.data.general.ban_mykcell, "the resolved ban is in the cached profile");
}
