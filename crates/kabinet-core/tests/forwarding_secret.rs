//! `account.forwarding()` and `account.act()` against a real sandbox: the shared rule
//! refuses a bad target or delay before anything is sent, a forwarding is set, read (and read
//! from the cache offline) and switched off; a secret code is sent to the number (the outbox)
//! without the administrator seeing it, and deleted.

mod common;

use common::demo_account;
use kabinet_core::action::Action;
use kabinet_core::api::{SecretCodeDeleted, SecretCodeSent};
use kabinet_core::error::Reason;
use kabinet_core::ErrorCode;

const MANUAL: &str = "77010542007";

#[tokio::test]
async fn forwarding_is_checked_set_read_and_switched_off() {
    let dir = tempfile::tempdir().unwrap();
    let (portal, account) = demo_account(&dir).await;
    let fwd = account.forwarding();

    let e = fwd.set(MANUAL, "busy", "12345", "").await.unwrap_err();
    assert_eq!(
        (e.code, e.field.as_deref(), e.reason),
        (ErrorCode::InvalidPhone, Some("target"), Some(Reason::ForwardTargetInvalid))
    );
    let e = fwd.set(MANUAL, "no_answer", "+7 701 211 55 26", "45").await.unwrap_err();
    assert_eq!((e.field.as_deref(), e.reason), (Some("delay_s"), Some(Reason::ForwardDelayRange)));
    let e = fwd.set(MANUAL, "no_answer", "+7 701 211 55 26", "soon").await.unwrap_err();
    assert_eq!(e.field.as_deref(), Some("delay_s"));
    let e = fwd.set(MANUAL, "sometimes", "+7 701 211 55 26", "").await.unwrap_err();
    assert_eq!(e.field.as_deref(), Some("kind"));
    assert!(fwd.list(MANUAL).await.unwrap().data.items.is_empty(), "nothing was set");

    let list = fwd.set(MANUAL, "no_answer", "+7 701 211 55 26", "25").await.unwrap();
    assert_eq!(list.items.len(), 1);
    assert_eq!((list.items[0].target.as_str(), list.items[0].delay_s), ("77012115526", Some(25)));
    let list = fwd.set(MANUAL, "busy", "+49 151 1234 5678", "").await.unwrap();
    assert_eq!(list.items.iter().map(|f| f.kind.as_str()).collect::<Vec<_>>(), ["busy", "no_answer"]);
    let read = fwd.list(MANUAL).await.unwrap();
    assert!(!read.offline);
    assert_eq!(read.data, list);

    let list = fwd.clear(MANUAL, "busy").await.unwrap();
    assert_eq!(list.items.len(), 1);
    let e = fwd.clear(MANUAL, "busy").await.unwrap_err();
    assert_eq!((e.code, e.reason), (ErrorCode::NotAllowedInState, Some(Reason::ForwardingNotSet)));

    // Offline, the last answer is read from the cache.
    drop(portal);
    let cached = fwd.list(MANUAL).await.unwrap();
    assert!(cached.offline);
    assert_eq!(cached.data, list);
}

#[tokio::test]
async fn a_secret_code_is_sent_to_the_number_and_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let (portal, account) = demo_account(&dir).await;
    let codes = account.act();
    let numbers = account.numbers();
    let sent_at = |d: &kabinet_core::cache::Cached<kabinet_core::api::NumberDetail>| d.data.general.secret_code_sent_at;
    assert_eq!(sent_at(&numbers.detail(MANUAL).await.unwrap()), None, "no code yet");

    let sent = codes.send_as::<SecretCodeSent>(MANUAL, &Action::SecretCodeSend).await.unwrap();
    assert_eq!((sent.msisdn.as_str(), sent.replaced), (MANUAL, false));
    // The profile says since when the number has a code.
    assert_eq!(sent_at(&numbers.detail(MANUAL).await.unwrap()), Some(sent.sent_at));
    let sms = portal.outbox(Some(MANUAL));
    assert_eq!(sms.len(), 1);
    let code: String = sms[0].body.split(|c: char| !c.is_ascii_digit()).find(|w| w.len() == 8).unwrap().into();
    assert!(!serde_json::to_string(&sent).unwrap().contains(&code));
    assert!(codes.send_as::<SecretCodeSent>(MANUAL, &Action::SecretCodeSend).await.unwrap().replaced);

    let deleted = codes.send_as::<SecretCodeDeleted>(MANUAL, &Action::SecretCodeDelete).await.unwrap();
    assert_eq!(deleted.msisdn, MANUAL);
    assert_eq!(sent_at(&numbers.detail(MANUAL).await.unwrap()), None, "deleted");
    let e = codes.send_as::<SecretCodeDeleted>(MANUAL, &Action::SecretCodeDelete).await.unwrap_err();
    assert_eq!((e.code, e.reason), (ErrorCode::NotAllowedInState, Some(Reason::NoSecretCode)));
    // The blocked number of the manual gets no code.
    let e = codes.send_as::<SecretCodeSent>("77010542006", &Action::SecretCodeSend).await.unwrap_err();
    assert_eq!(e.reason, Some(Reason::SecretCodeNeedsActive));
    assert_eq!(
        codes.send_as::<SecretCodeSent>("123", &Action::SecretCodeSend).await.unwrap_err().code,
        ErrorCode::InvalidPhone
    );

    // Offline, the cached profile shows the last code sent.
    let again = codes.send_as::<SecretCodeSent>(MANUAL, &Action::SecretCodeSend).await.unwrap();
    drop(portal);
    let cached = numbers.detail(MANUAL).await.unwrap();
    assert!(cached.offline);
    assert_eq!(sent_at(&cached), Some(again.sent_at));
}
