//! Device (IMEI) registration through the account's handle, against a real sandbox: values
//! checked by field before anything is sent, and requests the one watcher follows until the
//! portal completes them (done, or failed with the registry's reason).

mod common;

use common::demo_account;
use kabinet_core::api::{DeviceStatus, RequestResult, RequestState};
use kabinet_core::error::Reason;
use kabinet_core::ErrorCode;
use std::time::{Duration, Instant};

/// Demo numbers (see the sandbox's `seed/devices.rs`).
const FREE: &str = "77010600037";
const FREE_IMEI: &str = "35600054894561";
const ELSEWHERE: &str = "77010600074";
const ELSEWHERE_IMEI: &str = "35055553552575";
const MANUAL: &str = "77010542007";
const MANUAL_IMEI: &str = "35367807651154";

#[tokio::test]
async fn values_are_checked_by_field_before_anything_is_sent() {
    let dir = tempfile::tempdir().unwrap();
    let (portal, account) = demo_account(&dir).await;
    let devices = account.devices();
    let page = devices.get(FREE).await.unwrap();
    assert_eq!((page.data.status, page.data.last_imei.as_deref()), (DeviceStatus::NotRegistered, Some(FREE_IMEI)));

    let field = |e: kabinet_core::Error| (e.code, e.field);
    let bad_imei = devices.register(FREE, "3560005489456").await.unwrap_err();
    assert_eq!(field(bad_imei), (ErrorCode::InvalidImei, Some("imei".into())));
    let bad_iin = devices.reregister(ELSEWHERE, ELSEWHERE_IMEI, "77017770011", "921029350852", true).await;
    assert_eq!(field(bad_iin.unwrap_err()), (ErrorCode::InvalidIinBin, Some("previous_owner_iin".into())));
    let bad_owner = devices.reregister(ELSEWHERE, ELSEWHERE_IMEI, "12345", "921029350851", true).await;
    assert_eq!(field(bad_owner.unwrap_err()), (ErrorCode::InvalidPhone, Some("previous_owner_msisdn".into())));
    let unaccepted = devices.reregister(ELSEWHERE, ELSEWHERE_IMEI, "77017770011", "921029350851", false).await;
    let unaccepted = unaccepted.unwrap_err();
    assert_eq!(unaccepted.reason, Some(Reason::TermsNotAccepted));
    assert_eq!(field(unaccepted), (ErrorCode::InvalidInput, Some("terms_accepted".into())));
    let duplicate = devices.register_duplicate(MANUAL, MANUAL_IMEI, false).await.unwrap_err();
    assert_eq!(field(duplicate), (ErrorCode::InvalidInput, Some("terms_accepted".into())));
    let bad_number = devices.register("7701", FREE_IMEI).await.unwrap_err();
    assert_eq!(bad_number.code, ErrorCode::InvalidPhone);
    // The portal got none of them.
    assert!(devices.get(ELSEWHERE).await.unwrap().data.history.is_empty());
    assert_eq!(devices.get(MANUAL).await.unwrap().data.history.len(), 2, "the seeded history only");
    portal.shutdown().await;
}

#[tokio::test]
async fn the_watcher_completes_device_requests_done_or_failed_with_the_registrys_reason() {
    let dir = tempfile::tempdir().unwrap();
    let (portal, account) = demo_account(&dir).await;
    let devices = account.devices();
    let registered = devices.register(FREE, "356000548945617").await.unwrap();
    assert_eq!((registered.state.clone(), registered.detail.as_deref()), (RequestState::InProcess, Some(FREE_IMEI)));
    let refused = devices.register(MANUAL, MANUAL_IMEI).await.unwrap();
    // Both are kept for the watcher.
    let tracked = account.requests().of_number(FREE).await.unwrap();
    assert_eq!(tracked.iter().map(|r| &r.id).collect::<Vec<_>>(), [&registered.id]);

    portal.clock().advance(60);
    let mut done = Vec::new();
    let started = Instant::now();
    while done.len() < 2 {
        assert!(started.elapsed() < Duration::from_secs(30), "the watcher did not complete them: {done:?}");
        let (changed, wait) = account.follow_up().step().await;
        done.extend(changed.into_iter().filter(|r| !r.is_open()));
        if done.len() < 2 {
            tokio::time::sleep(wait).await;
        }
    }
    let find = |id: &str| done.iter().find(|r| r.id == id).unwrap().clone();
    let ok = find(&registered.id);
    assert_eq!((ok.state, ok.result), (RequestState::Done, Some(RequestResult::ImeiRegistered)));
    let failed = find(&refused.id);
    assert_eq!(failed.state, RequestState::Failed);
    assert_eq!(failed.error.unwrap().reason, Some(Reason::ImeiRegisteredOtherOperator));

    // The watcher re-read the page: the cached copy shows the registration while offline.
    portal.shutdown().await;
    let offline = devices.get(FREE).await.unwrap();
    assert!(offline.offline);
    assert_eq!(offline.data.status, DeviceStatus::Registered);
    assert_eq!(offline.data.history[0].result, Some(RequestResult::ImeiRegistered));
}
