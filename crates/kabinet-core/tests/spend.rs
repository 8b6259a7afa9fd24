//! Spend's data: the charges of the last 12 months fetched from a demo sandbox into the cache
//! and read back offline, grouped by cost centre with the unlabelled numbers under Unassigned;
//! the chargeback's totals equal to the certificates' totals; and a fetch that fails midway leaving the months not yet replaced as they were.

mod common;

use chrono::Utc;
use common::{fake_portal, login_answer};
use kabinet_core::account::Account;
use kabinet_core::cache::Cache;
use kabinet_core::client::{CertificateOf, FileFormat, PortalClient};
use kabinet_core::error::Reason;
use kabinet_core::number_label::{CostCentre, Label};
use kabinet_core::rules::charges_period;
use kabinet_core::rules::document_months::YearMonth;
use kabinet_core::secrets::Vault;
use kabinet_core::settings::Language;
use kabinet_core::spend::aggregate::{Basis, Dimension, Figure};
use kabinet_documents::inspect::{Inspected, Value as Cell};
use serde_json::{json, Value};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

#[tokio::test]
async fn twelve_months_are_fetched_and_read_offline_with_the_unassigned_kept() {
    let dir = tempfile::tempdir().unwrap();
    let (portal, account) = common::demo_account(&dir).await;
    account.companies().await.unwrap();
    account.numbers().sync(1, false, &|_| {}).await.unwrap();
    let spend = account.spend();
    let fetched = spend.fetch(1).await.unwrap();
    let (from, to) = charges_period::last_year(Utc::now());
    assert_eq!((fetched.months.len(), fetched.months[0], fetched.months[11]), (12, from, to));
    assert!(fetched.numbers > 5, "{fetched:?}");

    let rows = spend.rows(1, to, to).await.unwrap();
    let msisdn = rows[0].msisdn.clone();
    let label =
        Label { cost_centre: CostCentre { code: "CC-10".into(), name: "Финансы".into() }, ..Label::default() };
    account.labels().set(1, &msisdn, label).await.unwrap();

    let online = spend.overview(1, Basis::WithVat).await.unwrap();
    portal.shutdown().await;
    let offline = spend.overview(1, Basis::WithVat).await.unwrap();
    assert_eq!(serde_json::to_value(&online).unwrap(), serde_json::to_value(&offline).unwrap());

    assert_eq!(offline.months.len(), 12);
    let last = offline.by_month.last().unwrap().amounts;
    assert_eq!(last.net, rows.iter().map(|r| r.net).sum::<i64>());
    assert_eq!(last.total, last.net + last.vat);
    let cc = &offline.by_cost_centre;
    assert_eq!((cc[0].key.as_deref(), cc[0].name.as_str()), (Some("CC-10"), "Финансы"));
    assert_eq!(cc[0].numbers, 1);
    let unassigned = cc.iter().find(|g| g.key.is_none()).expect("the unlabelled numbers");
    assert_eq!(unassigned.numbers, fetched.numbers as i64 - 1);
    let sum: i64 = cc.iter().map(|g| g.months[11].total).sum();
    assert_eq!(sum, last.total, "no number is dropped");
    assert_eq!(offline.top.len().min(20), offline.top.len());
    assert!(offline.top[0].average.is_some());
    assert_eq!(offline.by_service[0].key.as_deref(), Some("subscription"));

    // The numbers behind a figure, offline: CC-10's one number, with the group's amounts.
    let figure = Figure { dimension: Some(Dimension::CostCentre), key: Some("CC-10".into()), month: None };
    let behind = spend.behind(1, &figure, Basis::WithVat).await.unwrap();
    assert_eq!(behind.len(), 1);
    assert_eq!((behind[0].number.msisdn.as_str(), behind[0].number.amounts), (msisdn.as_str(), cc[0].total));
    // A chargeback's months the wrong way round say which rule refused, for the window to word.
    let reversed = spend.chargeback(1, to, from).await.unwrap_err();
    assert_eq!(reversed.reason, Some(Reason::PeriodReversed));
}

/// A number's charges of `month` whose every line is `net`.
fn page(month: &str, net: i64) -> Value {
    json!({"items": [{"account": "25060854", "msisdn": "77010000001", "tariff": "Kcell", "months": [
        {"month": {"year": month[..4].parse::<i32>().unwrap(), "month": month[5..].parse::<u32>().unwrap()},
         "services": [{"service": "subscription", "net": net, "vat": net / 10}]}]}], "next_cursor": null})
}

#[tokio::test]
async fn a_fetch_failing_midway_leaves_the_months_not_yet_replaced_as_they_were() {
    let generation = Arc::new(AtomicI64::new(1));
    let (from, to) = charges_period::last_year(Utc::now());
    let broken = from.next().next().to_string();
    let g = generation.clone();
    let url = fake_portal(Arc::new(move |method: &str, path: &str| match (method, path) {
        ("POST", "/api/v1/auth/login") => login_answer(),
        ("GET", p) if p.starts_with("/api/v1/companies/1/charges") => {
            let month = p.split("from=").nth(1).unwrap()[..7].to_string();
            let generation = g.load(Ordering::SeqCst);
            if generation == 2 && month == broken {
                json!({"items": "not a list"})
            } else {
                page(&month, 1_000 * generation)
            }
        }
        _ => json!({}),
    }));
    let account = Account::new(
        PortalClient::new(&url).unwrap(),
        Cache::in_memory().await.unwrap(),
        Arc::new(Vault::memory_only()),
        "fake",
    );
    account.login("77010016515", "Kabinet-2026", false).await.unwrap();
    let spend = account.spend();
    spend.fetch(1).await.unwrap();
    let nets = |rows: Vec<kabinet_core::cache::charges::ChargeRow>| -> Vec<(YearMonth, i64)> {
        rows.into_iter().map(|r| (r.month, r.net)).collect()
    };
    assert_eq!(nets(spend.rows(1, from, to).await.unwrap()).len(), 12);

    generation.store(2, Ordering::SeqCst);
    let err = spend.fetch(1).await.unwrap_err();
    assert_eq!(err.code, kabinet_core::ErrorCode::InvalidResponse, "{err:?}");
    let after = nets(spend.rows(1, from, to).await.unwrap());
    assert_eq!(after.len(), 12, "every month is still there, whole");
    assert_eq!(&after[..2], &[(from, 2_000), (from.next(), 2_000)], "the months before the failure are new");
    assert!(after[2..].iter().all(|(_, net)| *net == 1_000), "the rest as they were: {after:?}");
    assert_eq!(spend.months(1).await.unwrap().len(), 12);
}

/// The amount, in tiyn, on the row of sheet `x` labelled `label` (its last money cell).
fn closing(x: &Inspected, label: &str) -> i64 {
    let row = (0..=x.last_row())
        .find(|r| (0..6).any(|c| matches!(x.value(*r, c), Cell::String(s) if s.starts_with(label))))
        .unwrap_or_else(|| panic!("no row {label}"));
    let amount = (0..40)
        .rev()
        .find_map(|c| match x.value(row, c) {
            Cell::Float(f) => Some(f),
            Cell::Int(i) => Some(i as f64),
            _ => None,
        })
        .unwrap();
    (amount * 100.0).round() as i64
}

#[tokio::test]
async fn the_chargebacks_totals_are_the_certificates_totals() {
    let dir = tempfile::tempdir().unwrap();
    let (_portal, account) = common::demo_account(&dir).await;
    account.companies().await.unwrap();
    account.numbers().sync(1, false, &|_| {}).await.unwrap();
    let (_, to) = charges_period::last_year(Utc::now());
    let from = to.minus(2);
    let spend = account.spend();
    spend.fetch_months(1, from, to).await.unwrap();
    let numbers = spend.rows(1, to, to).await.unwrap();
    for (msisdn, code) in [(&numbers[0].msisdn, "CC-10"), (&numbers[1].msisdn, "CC-20")] {
        let label = Label { cost_centre: CostCentre { code: code.into(), name: code.into() }, ..Label::default() };
        account.labels().set(1, msisdn, label).await.unwrap();
    }
    let (chargeback, info) = spend.chargeback_file(1, from, to, Language::Ru).await.unwrap();
    assert_eq!(info.kind.as_str(), "chargeback");
    assert!(chargeback.cost_centres.last().unwrap().key.is_none(), "the unlabelled numbers are under Unassigned");

    let accounts = account.billing().accounts(1).await.unwrap();
    let billed: Vec<_> = accounts.iter().filter(|a| a.numbers > 0).collect();
    assert!(billed.len() > 1);
    for (i, month) in chargeback.months.iter().enumerate() {
        let (mut net, mut vat, mut total) = (0, 0, 0);
        for a in &billed {
            let of = CertificateOf::Account(a.account.clone());
            let doc = account.billing().certificate(1, &of, *month, FileFormat::Xlsx).await.unwrap();
            let x = Inspected::read(&account.library().load(doc.id).await.unwrap().bytes);
            net += closing(&x, "Итого");
            vat += closing(&x, "НДС");
            total += closing(&x, "Всего с НДС");
        }
        let by_cost_centres: i64 = chargeback.cost_centres.iter().map(|g| g.months[i].total).sum();
        let m = chargeback.by_month[i].amounts;
        assert_eq!((m.net, m.vat, m.total, by_cost_centres), (net, vat, total, total), "{month}");
    }

    // The file says the same: its totals row, on both sheets.
    let bytes = account.library().load(info.id).await.unwrap().bytes;
    let summary = Inspected::read_sheet(&bytes, 0);
    assert_eq!(closing(&summary, "Итого"), chargeback.total.total);
    let numbers_sheet = Inspected::read_sheet(&bytes, 1);
    assert_eq!(closing(&numbers_sheet, "Итого"), chargeback.total.total);
    assert_eq!(Inspected::sheet_names(&bytes), vec!["ЦФО", "Номера"]);
}
