//! What changed, against a demo sandbox: a company's first sync is the baseline (nothing found);
//! a number blocked and completed while the app watches is found as its state changes, once,
//! and neither the next sync nor the one after finds it again; a balance a transfer takes under
//! the company's threshold is found once; the thresholds are the company's, each refused out of
//! its bounds naming its field.

mod common;

use chrono::{Duration, Utc};
use kabinet_core::action::Action;
use kabinet_core::api::RequestRecord;
use kabinet_core::changes::detect::{ChangeKind, Rules};
use kabinet_core::changes::ChangesFilter;

const MANUAL: &str = "77010542007";

#[tokio::test]
async fn a_state_change_is_found_once_and_not_again_on_the_next_syncs() {
    let dir = tempfile::tempdir().unwrap();
    let (portal, account) = common::demo_account(&dir).await;
    account.companies().await.unwrap();
    let start = Utc::now() - Duration::seconds(1);
    let first = account.numbers().sync(1, false, &|_| {}).await.unwrap();
    assert_eq!(first.changes, 0, "the first sync is the baseline");
    let all = ChangesFilter::default();
    assert!(account.changes().list(1, start, &all).await.unwrap().is_empty());

    account.act().send_as::<RequestRecord>(MANUAL, &Action::Block).await.unwrap();
    portal.clock().advance(10);
    account.follow_up().poll_due(Utc::now() + Duration::minutes(10)).await.unwrap();
    let states: Vec<(String, String)> = account
        .changes()
        .list(
            1,
            start,
            &ChangesFilter {
                kind: Some(ChangeKind::State),
                msisdn: Some("+7 701 054 20 07".into()),
                cost_centre: None,
            },
        )
        .await
        .unwrap()
        .into_iter()
        .rev()
        .map(|c| (c.before, c.after))
        .collect();
    assert_eq!(
        states,
        [("active".to_string(), "in_process".to_string()), ("in_process".to_string(), "blocked".to_string())],
        "each transition once, as the app saw it"
    );

    // Neither an incremental nor a full sync finds it again.
    assert_eq!(account.numbers().sync(1, false, &|_| {}).await.unwrap().changes, 0);
    assert_eq!(account.numbers().sync(1, true, &|_| {}).await.unwrap().changes, 0);
    assert_eq!(account.changes().list(1, start, &all).await.unwrap().len(), 2);
}

#[tokio::test]
async fn the_balance_threshold_is_the_companys_and_checked() {
    let dir = tempfile::tempdir().unwrap();
    let (_portal, account) = common::demo_account(&dir).await;
    assert_eq!(account.changes().rules(1).await.unwrap(), Rules::default());
    account.changes().set_rules(1, Rules { low_balance_tiyn: 2_000_000, ..Rules::default() }).await.unwrap();
    assert_eq!(account.changes().rules(1).await.unwrap().low_balance_tiyn, 2_000_000);
    assert_eq!(account.changes().rules(2).await.unwrap(), Rules::default(), "another company keeps the default");
    let e = account.changes().set_rules(1, Rules { low_balance_tiyn: -1, ..Rules::default() }).await.unwrap_err();
    assert_eq!(e.field.as_deref(), Some("low_balance"));
    for (rules, field) in [
        (Rules { spend_rise_percent: 0, ..Rules::default() }, "spend_rise"),
        (Rules { dormant_days: 366, ..Rules::default() }, "dormant_days"),
    ] {
        let e = account.changes().set_rules(1, rules).await.unwrap_err();
        assert_eq!((e.field.as_deref(), e.params.as_ref().is_some_and(|p| p.contains_key("max"))), (Some(field), true));
    }
    let mine = Rules { spend_rise_percent: 80, dormant_days: 90, notify: true, ..Rules::default() };
    account.changes().set_rules(2, mine).await.unwrap();
    assert_eq!(account.changes().rules(2).await.unwrap(), mine);
}

#[tokio::test]
async fn a_balance_falling_under_the_threshold_is_found_once() {
    const SENDER: &str = "77012115526"; // 3 750 ₸ on its balance
    let dir = tempfile::tempdir().unwrap();
    let (_portal, account) = common::demo_account(&dir).await;
    account.companies().await.unwrap();
    account.numbers().sync(1, true, &|_| {}).await.unwrap();
    account.changes().set_rules(1, Rules { low_balance_tiyn: 300_000, ..Rules::default() }).await.unwrap();
    let start = Utc::now() - Duration::seconds(1);
    // 1 000,50 ₸ given away: 2 749,50 ₸ left, under the company's 3 000 ₸.
    account.transfer().send(1, SENDER, "+7 701 054 20 07", kabinet_core::domain::Tiyn(100_050)).await.unwrap();
    account.numbers().sync(1, true, &|_| {}).await.unwrap();
    let low = ChangesFilter { kind: Some(ChangeKind::LowBalance), ..ChangesFilter::default() };
    let found: Vec<(String, String, String)> = account
        .changes()
        .list(1, start, &low)
        .await
        .unwrap()
        .into_iter()
        .map(|c| (c.msisdn, c.before, c.after))
        .collect();
    assert_eq!(found, [(SENDER.to_string(), "375000".to_string(), "274950".to_string())]);
    // Neither sync after finds it again.
    account.numbers().sync(1, false, &|_| {}).await.unwrap();
    account.numbers().sync(1, true, &|_| {}).await.unwrap();
    assert_eq!(account.changes().list(1, start, &low).await.unwrap().len(), 1);
}
