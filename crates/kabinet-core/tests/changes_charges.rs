//! What changed from the charges, against a demo sandbox: the latest bill fetched finds the
//! demo's dormant lines (active, paying their subscription, no usage billed for 60 days) with
//! their monthly cost and last month of usage, and every number whose month is at least the
//! company's percent above its own previous 3-month average; the next fetch of the same months
//! finds none of them again; the feed filters them by cost centre.

mod common;

use chrono::{Duration, Utc};
use kabinet_core::changes::detect::{ChangeKind, Rules};
use kabinet_core::changes::ChangesFilter;
use kabinet_core::number_label::{CostCentre, Label};
use kabinet_core::rules::charges_period;
use std::collections::{BTreeMap, BTreeSet};

/// The demo's dormant lines of company 1 with the month they were last used
/// (`portal-sandbox/src/billing/charges.rs`).
const DORMANT: [(&str, &str); 3] = [("77010600592", "2026-06"), ("77010600814", "2026-04"), ("77010600962", "2026-08")];

#[tokio::test]
async fn the_latest_bill_finds_dormant_lines_and_spend_rises_once() {
    let dir = tempfile::tempdir().unwrap();
    let (_portal, account) = common::demo_account(&dir).await;
    account.companies().await.unwrap();
    account.numbers().sync(1, false, &|_| {}).await.unwrap();
    // A rise of 1% or more: the demo's months vary, so some numbers rise whatever the month.
    account.changes().set_rules(1, Rules { spend_rise_percent: 1, ..Rules::default() }).await.unwrap();
    let start = Utc::now() - Duration::seconds(1);
    account.spend().fetch(1).await.unwrap();

    let (_, latest) = charges_period::last_year(Utc::now());
    let of = |kind| ChangesFilter { kind: Some(kind), ..ChangesFilter::default() };
    let dormant = account.changes().list(1, start, &of(ChangeKind::Dormant)).await.unwrap();
    // Each month's total with VAT, by number, from the cached charges.
    let rows = account.spend().rows(1, latest.minus(3), latest).await.unwrap();
    let mut totals: BTreeMap<(String, String), i64> = BTreeMap::new();
    for r in &rows {
        *totals.entry((r.msisdn.clone(), r.month.to_string())).or_default() += r.net + r.vat;
    }
    let total = |msisdn: &str, back: u32| totals.get(&(msisdn.to_string(), latest.minus(back).to_string())).copied();
    let got: Vec<(String, String, String, Option<String>)> =
        dormant.iter().map(|c| (c.msisdn.clone(), c.before.clone(), c.after.clone(), c.month.clone())).collect();
    let want: Vec<_> = DORMANT
        .iter()
        .map(|(m, used)| (m.to_string(), used.to_string(), total(m, 0).unwrap().to_string(), Some(latest.to_string())))
        .collect();
    assert_eq!(got.into_iter().collect::<BTreeSet<_>>(), want.into_iter().collect(), "the demo's dormant lines");

    // The rises: the rule restated over the cached totals.
    let rises: BTreeSet<(String, String, String)> = account
        .changes()
        .list(1, start, &of(ChangeKind::SpendRise))
        .await
        .unwrap()
        .into_iter()
        .map(|c| (c.msisdn, c.before, c.after))
        .collect();
    let numbers: BTreeSet<&str> = rows.iter().map(|r| r.msisdn.as_str()).collect();
    let expected: BTreeSet<(String, String, String)> = numbers
        .into_iter()
        .filter_map(|m| {
            let (now, a, b, c) = (total(m, 0)?, total(m, 1)?, total(m, 2)?, total(m, 3)?);
            let sum = a + b + c;
            (sum > 0 && now * 300 >= sum * 101).then(|| (m.to_string(), ((sum + 1) / 3).to_string(), now.to_string()))
        })
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(rises, expected);

    // The same months fetched again: nothing new.
    let kept = account.changes().list(1, start, &ChangesFilter::default()).await.unwrap().len();
    account.spend().fetch(1).await.unwrap();
    assert_eq!(account.changes().list(1, start, &ChangesFilter::default()).await.unwrap().len(), kept);

    // By cost centre: the labels as they are now.
    let label =
        Label { cost_centre: CostCentre { code: "CC-7".into(), name: "Склад".into() }, ..Label::default() };
    account.labels().set(1, DORMANT[0].0, label).await.unwrap();
    let by_centre = ChangesFilter { cost_centre: Some("CC-7".into()), ..ChangesFilter::default() };
    let found = account.changes().list(1, start, &by_centre).await.unwrap();
    assert!(!found.is_empty() && found.iter().all(|c| c.msisdn == DORMANT[0].0 && c.cost_centre == "CC-7"));
    let none = ChangesFilter { cost_centre: Some(String::new()), ..ChangesFilter::default() };
    assert_eq!(account.changes().list(1, start, &none).await.unwrap().len(), kept - found.len());
}
