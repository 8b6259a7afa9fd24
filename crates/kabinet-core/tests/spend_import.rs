//! Spend's charges from files and kept fresh: the certificate workbooks the sandbox makes,
//! imported into another administrator's cache, give the charges route's figures to the tiyn
//! (and a second import changes nothing); a labels file, another workbook, a truncated file and
//! a CSV are refused naming the file and what is missing; a sync fetches the certificate months
//! not held yet, and a second sync fetches none.

mod common;

use chrono::Utc;
use kabinet_core::account::Account;
use kabinet_core::cache::Cache;
use kabinet_core::client::{CertificateOf, FileFormat, PortalClient};
use kabinet_core::error::Reason;
use kabinet_core::rules::charges_period;
use kabinet_core::secrets::Vault;
use std::sync::Arc;

/// Another administrator's view of the same demo portal: its own cache, the numbers synced.
async fn second_account(url: &str) -> Account {
    let account = Account::new(
        PortalClient::new(url).unwrap(),
        Cache::in_memory().await.unwrap(),
        Arc::new(Vault::memory_only()),
        "demo",
    );
    account.login(portal_sandbox::DEMO_LOGIN_PHONE, portal_sandbox::DEMO_LOGIN_PASSWORD, false).await.unwrap();
    account.companies().await.unwrap();
    account.numbers().sync(1, false, &|_| {}).await.unwrap();
    account
}

fn labels_xlsx() -> Vec<u8> {
    use kabinet_documents::{Cell, Column, ColumnKind, Language, Table, Title};
    let table = Table {
        sheet: "Labels".into(),
        title: Title {
            what: "Labels".into(),
            company: None,
            bin: None,
            number: None,
            period: None,
            generated_at: Utc::now().naive_utc(),
            lang: Language::En,
            notes: vec![],
        },
        columns: vec![Column::new("Number", ColumnKind::Text), Column::new("Employee", ColumnKind::Text)],
        rows: vec![vec![Cell::text("77012115526"), Cell::text("A. Smith")]],
        totals: None,
    };
    kabinet_documents::xlsx(&table).unwrap()
}

#[tokio::test]
async fn certificate_workbooks_import_as_the_charges_route_gives_them() {
    let dir = tempfile::tempdir().unwrap();
    let (portal, fetcher) = common::demo_account(&dir).await;
    fetcher.companies().await.unwrap();
    fetcher.numbers().sync(1, false, &|_| {}).await.unwrap();
    let (_, month) = charges_period::last_year(Utc::now());
    fetcher.spend().fetch_months(1, month, month).await.unwrap();
    let fetched = fetcher.spend().rows(1, month, month).await.unwrap();

    let accounts = fetcher.billing().accounts(1).await.unwrap();
    let mut files = Vec::new();
    for a in accounts.iter().filter(|a| a.numbers > 0) {
        let of = CertificateOf::Account(a.account.clone());
        let doc = fetcher.billing().certificate(1, &of, month, FileFormat::Xlsx).await.unwrap();
        files.push((doc.file_name.clone(), fetcher.library().load(doc.id).await.unwrap().bytes));
    }
    assert!(files.len() > 1, "the demo company bills several accounts");

    let importer = second_account(&portal.url()).await;
    let spend = importer.spend();
    let mut numbers = 0;
    for (name, bytes) in &files {
        let done = spend.import(1, name, bytes).await.unwrap();
        assert_eq!((done.month, done.not_in_company, &done.file), (month, 0, name));
        assert_eq!(done.total, done.net + done.vat);
        numbers += done.numbers;
    }
    let imported = spend.rows(1, month, month).await.unwrap();
    assert_eq!(numbers, fetched.iter().map(|r| &r.msisdn).collect::<std::collections::HashSet<_>>().len());
    assert_eq!(imported, fetched, "every number, service, net and VAT as the charges route gives them");
    assert_eq!(spend.months(1).await.unwrap().iter().map(|(m, _)| *m).collect::<Vec<_>>(), vec![month]);

    // A second import of the same file changes nothing.
    spend.import(1, &files[0].0, &files[0].1).await.unwrap();
    assert_eq!(spend.rows(1, month, month).await.unwrap(), fetched);

    // What is not a breakdown is refused, naming the file and what it lacks, and writes nothing.
    let (_, certificate) = &files[0];
    let truncated = &certificate[..certificate.len() / 2];
    let (_, chargeback) =
        fetcher.spend().chargeback_file(1, month, month, kabinet_core::settings::Language::Ru).await.unwrap();
    let chargeback = fetcher.library().load(chargeback.id).await.unwrap().bytes;
    let cases: [(&str, &[u8], &str); 4] = [
        ("labels.xlsx", &labels_xlsx(), "columns"),
        ("chargeback.xlsx", &chargeback, "columns"),
        ("cut.xlsx", truncated, "workbook"),
        ("labels.csv", b"Number;Employee\n77012115526;A. Smith\n", "workbook"),
    ];
    for (name, bytes, missing) in cases {
        let e = spend.import(1, name, bytes).await.unwrap_err();
        assert_eq!(e.reason, Some(Reason::NotABreakdown), "{name}: {e:?}");
        assert_eq!((e.param("file"), e.param("missing")), (Some(name), Some(missing)), "{name}: {e:?}");
        assert!(e.message.contains(name), "{e}");
    }
    assert_eq!(spend.rows(1, month, month).await.unwrap(), fetched);
}

#[tokio::test]
async fn a_breakdown_of_another_company_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (_portal, account) = common::demo_account(&dir).await;
    account.companies().await.unwrap();
    // No number of company 1 synced: no account of the file is the company's.
    let (_, month) = charges_period::last_year(Utc::now());
    let accounts = account.billing().accounts(1).await.unwrap();
    let billed = accounts.iter().find(|a| a.numbers > 0).unwrap();
    let doc = account
        .billing()
        .certificate(1, &CertificateOf::Account(billed.account.clone()), month, FileFormat::Xlsx)
        .await
        .unwrap();
    let bytes = account.library().load(doc.id).await.unwrap().bytes;
    let e = account.spend().import(1, "x.xlsx", &bytes).await.unwrap_err();
    assert_eq!((e.reason.clone(), e.param("missing")), (Some(Reason::NotABreakdown), Some("company")), "{e:?}");
    assert!(account.spend().months(1).await.unwrap().is_empty());
}

#[tokio::test]
async fn a_sync_fetches_the_months_not_held_and_a_second_sync_none() {
    let dir = tempfile::tempdir().unwrap();
    let (_portal, account) = common::demo_account(&dir).await;
    account.companies().await.unwrap();
    let first = account.sync_with_charges(1, false, &|_| {}).await.unwrap();
    let charges = first.charges.expect("the charges step ran");
    assert!(charges.error.is_none(), "{charges:?}");
    let (from, to) = charges_period::last_year(Utc::now());
    assert_eq!((charges.months.len(), charges.months[0], charges.months[11]), (12, from, to));
    let held = account.spend().months(1).await.unwrap();

    let second = account.sync_with_charges(1, false, &|_| {}).await.unwrap();
    let charges = second.charges.expect("the charges step ran");
    assert!(charges.months.is_empty() && charges.error.is_none(), "{charges:?}");
    assert_eq!(account.spend().months(1).await.unwrap(), held, "no month fetched again");
}

#[tokio::test]
async fn a_charges_step_that_fails_is_reported_and_the_sync_stands() {
    use serde_json::json;
    let url = common::fake_portal(Arc::new(|method: &str, path: &str| match (method, path) {
        ("POST", "/api/v1/auth/login") => common::login_answer(),
        ("GET", p) if p.starts_with("/api/v1/companies/1/numbers") => json!({"items": [
            {"msisdn": "77010000001", "account": "25060854", "tariff": "Kcell", "payment_method": "credit",
             "state": "active", "state_changed_at": "2026-01-01T00:00:00Z", "individual_limit": null,
             "available_funds": null, "credit_limit": 0, "balance": 0, "debt": 0,
             "updated_at": "2026-01-01T00:00:00Z"}],
            "next_cursor": null, "server_time": "2026-12-01T00:00:00Z"}),
        // The charges route answers nonsense.
        _ => json!({"items": "not a list"}),
    }));
    let account = Account::new(
        PortalClient::new(&url).unwrap(),
        Cache::in_memory().await.unwrap(),
        Arc::new(Vault::memory_only()),
        "fake",
    );
    account.login("77010016515", "Kabinet-2026", false).await.unwrap();
    let report = account.sync_with_charges(1, false, &|_| {}).await.unwrap();
    assert_eq!(report.written, 1);
    let charges = report.charges.expect("the charges step ran");
    assert!(charges.months.is_empty());
    assert_eq!(charges.error.map(|e| e.code), Some(kabinet_core::ErrorCode::InvalidResponse));
}
