//! Spend's totals (migration 0015: `charge_totals` by number and month, `charge_service_totals`
//! by month, tariff and service) against the charge lines they are kept from: they add up to the
//! lines after a fetch, after an imported breakdown replaced one account's month, and after the
//! migration of a cache that held lines before the totals existed; and every figure Spend shows
//! from them (by month, cost centre, department, tariff, service, the top numbers, the numbers
//! behind each figure, the chargeback) is the one the lines themselves say, computed here the
//! plain way from every line, also after a label changed (a kept view is forgotten).

mod common;

use chrono::Utc;
use kabinet_core::cache::charges::ChargeRow;
use kabinet_core::cache::Cache;
use kabinet_core::client::{CertificateOf, FileFormat};
use kabinet_core::number_label::{CostCentre, Label};
use kabinet_core::rules::charges_period;
use kabinet_core::rules::document_months::YearMonth;
use kabinet_core::spend::aggregate::{Amounts, Basis, Dimension, Figure, Group};
use sqlx::SqlitePool;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The rows in which the totals and the lines disagree, both ways (0: they add up).
async fn disagreements(pool: &SqlitePool) -> i64 {
    let by_number =
        "SELECT portal, admin_phone, company_id, month, msisdn, MIN(account), MIN(tariff), SUM(net), SUM(vat),
            SUM(net + vat), SUM(CASE WHEN service = 'subscription' THEN 0 ELSE net + vat END)
        FROM charges GROUP BY portal, admin_phone, company_id, month, msisdn";
    let totals = "SELECT portal, admin_phone, company_id, month, msisdn, account, tariff, net, vat, total, usage
        FROM charge_totals";
    let by_service = "SELECT portal, admin_phone, company_id, month, tariff, service, SUM(net), SUM(vat) FROM charges
        GROUP BY portal, admin_phone, company_id, month, tariff, service";
    let service_totals =
        "SELECT portal, admin_phone, company_id, month, tariff, service, net, vat FROM charge_service_totals";
    let mut wrong = 0;
    for (a, b) in [(by_number, totals), (totals, by_number), (by_service, service_totals), (service_totals, by_service)]
    {
        let n: i64 =
            sqlx::query_scalar(&format!("SELECT COUNT(*) FROM ({a} EXCEPT {b})")).fetch_one(pool).await.unwrap();
        wrong += n;
    }
    wrong
}

#[tokio::test]
async fn the_totals_add_up_to_the_lines_after_a_fetch_and_an_import_that_replaces_an_accounts_month() {
    let dir = tempfile::tempdir().unwrap();
    let (_portal, account, cache) = demo_with_cache(&dir).await;
    account.companies().await.unwrap();
    account.numbers().sync(1, false, &|_| {}).await.unwrap();
    let (_, month) = charges_period::last_year(Utc::now());
    let spend = account.spend();
    spend.fetch_months(1, month.minus(1), month).await.unwrap();
    let pool = cache.pool().clone();
    let held: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM charge_totals").fetch_one(&pool).await.unwrap();
    assert!(held > 10, "{held}");
    assert_eq!(disagreements(&pool).await, 0, "after a fetch");

    // One account's breakdown imported over the fetched month: that account's lines are
    // replaced, the other accounts' kept, and the month's totals are those of all of them.
    let accounts = account.billing().accounts(1).await.unwrap();
    let billed: Vec<_> = accounts.iter().filter(|a| a.numbers > 0).collect();
    assert!(billed.len() > 1);
    let doc = account
        .billing()
        .certificate(1, &CertificateOf::Account(billed[0].account.clone()), month, FileFormat::Xlsx)
        .await
        .unwrap();
    let bytes = account.library().load(doc.id).await.unwrap().bytes;
    spend.import(1, &doc.file_name, &bytes).await.unwrap();
    let numbers: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM charge_totals").fetch_one(&pool).await.unwrap();
    assert_eq!(numbers, held, "every account's numbers are still totalled");
    assert_eq!(disagreements(&pool).await, 0, "after an import");
}

/// The demo portal signed in with a cache whose tables the test reads as they are.
async fn demo_with_cache(
    dir: &tempfile::TempDir,
) -> (portal_sandbox::RunningSandbox, kabinet_core::account::Account, Cache) {
    use kabinet_core::{account::Account, client::PortalClient, secrets::Vault};
    let config = portal_sandbox::Config::demo("127.0.0.1:0".parse().unwrap(), dir.path().join("portal"));
    let portal = portal_sandbox::start(config).await.unwrap();
    let cache = Cache::in_memory().await.unwrap();
    let account = Account::new(
        PortalClient::new(&portal.url()).unwrap(),
        cache.clone(),
        std::sync::Arc::new(Vault::memory_only()),
        "demo",
    );
    account.login(portal_sandbox::DEMO_LOGIN_PHONE, portal_sandbox::DEMO_LOGIN_PASSWORD, false).await.unwrap();
    (portal, account, cache)
}

#[tokio::test]
async fn a_cache_that_held_lines_before_the_totals_gets_them_from_the_migration() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.sqlite");
    let options = sqlx::sqlite::SqliteConnectOptions::new().filename(&path).create_if_missing(true);
    let old = SqlitePool::connect_with(options).await.unwrap();
    let mut before =
        sqlx::migrate::Migrator::new(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations")))
            .await
            .unwrap();
    before.migrations = before.migrations.iter().filter(|m| m.version < 15).cloned().collect();
    before.run(&old).await.unwrap();
    for (month, msisdn, account, tariff, service, net) in [
        ("2026-09", "77010000001", "25060854", "Kcell", "subscription", 350_000),
        ("2026-09", "77010000001", "25060854", "Kcell", "calls", 12_000),
        ("2026-09", "77010000002", "25060855", "Business", "subscription", 500_000),
        ("2026-10", "77010000001", "25060854", "Kcell", "internet", 7_000),
        ("2026-10", "77010000002", "25060855", "Business", "roaming", 250_000),
    ] {
        sqlx::query(
            "INSERT INTO charges (portal, admin_phone, company_id, month, msisdn, account, tariff, service, net, vat)
             VALUES ('p', '77010016515', 1, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(month)
        .bind(msisdn)
        .bind(account)
        .bind(tariff)
        .bind(service)
        .bind(net)
        .bind(net * 16 / 100)
        .execute(&old)
        .await
        .unwrap();
    }
    old.close().await;

    let cache = Cache::open(&path).await.unwrap();
    let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM charge_totals").fetch_one(cache.pool()).await.unwrap();
    assert_eq!(rows, 4, "two numbers in two months");
    assert_eq!(disagreements(cache.pool()).await, 0);
    let (net, vat): (i64, i64) =
        sqlx::query_as("SELECT net, vat FROM charge_totals WHERE month = '2026-09' AND msisdn = '77010000001'")
            .fetch_one(cache.pool())
            .await
            .unwrap();
    assert_eq!((net, vat), (362_000, 57_920));
}

/// The key and name of a line under `dimension`, as the lines say it.
fn group_of(row: &ChargeRow, labels: &HashMap<String, Label>, dimension: Dimension) -> (Option<String>, String) {
    let label = labels.get(&row.msisdn);
    let nonempty = |s: &str| (!s.is_empty()).then(|| s.to_string());
    match dimension {
        Dimension::CostCentre => match label.and_then(|l| nonempty(&l.cost_centre.code).map(|c| (c, l))) {
            Some((code, l)) => (Some(code), l.cost_centre.name.clone()),
            None => (None, String::new()),
        },
        Dimension::Department => (label.and_then(|l| nonempty(&l.department)), String::new()),
        Dimension::Tariff => (Some(row.tariff.clone()), String::new()),
        Dimension::Service => (Some(row.service.as_str().to_string()), String::new()),
    }
}

/// Each group of `dimension` as the lines say it: `(key, name, months, numbers)`.
fn groups_of_lines(
    rows: &[ChargeRow],
    labels: &HashMap<String, Label>,
    months: &[YearMonth],
    dimension: Dimension,
) -> BTreeMap<Option<String>, (String, Vec<Amounts>, BTreeSet<String>)> {
    let mut groups = BTreeMap::new();
    for r in rows.iter().filter(|r| months.contains(&r.month)) {
        let i = months.iter().position(|m| *m == r.month).unwrap();
        let (key, name) = group_of(r, labels, dimension);
        let g = groups.entry(key).or_insert_with(|| (name, vec![Amounts::default(); months.len()], BTreeSet::new()));
        g.1[i].add(r.net, r.vat);
        g.2.insert(r.msisdn.clone());
    }
    groups
}

/// The groups as Spend shows them, in the lines' terms.
fn as_lines(groups: &[Group]) -> BTreeMap<Option<String>, (String, Vec<Amounts>, usize)> {
    groups.iter().map(|g| (g.key.clone(), (g.name.clone(), g.months.clone(), g.numbers as usize))).collect()
}

#[tokio::test]
async fn every_figure_from_the_totals_is_the_figure_the_lines_say() {
    let dir = tempfile::tempdir().unwrap();
    let (_portal, account) = common::demo_account(&dir).await;
    account.companies().await.unwrap();
    account.numbers().sync(1, false, &|_| {}).await.unwrap();
    let spend = account.spend();
    spend.fetch(1).await.unwrap();
    let (from, to) = charges_period::last_year(Utc::now());
    let rows = spend.rows(1, from, to).await.unwrap();
    let numbers: Vec<String> = rows.iter().map(|r| r.msisdn.clone()).collect::<BTreeSet<_>>().into_iter().collect();
    assert!(numbers.len() > 5);
    let label = |code: &str, name: &str, department: &str, employee: &str| Label {
        employee: employee.into(),
        department: department.into(),
        cost_centre: CostCentre { code: code.into(), name: name.into() },
        ..Label::default()
    };
    let labels = [
        label("CC-10", "Finance", "Sales", "Ivanov"),
        label("CC-20", "Logistics", "", ""),
        label("", "", "", "Petrov"),
        label("CC-10", "Finance", "Sales", ""),
        label("", "", "Sales", ""),
    ];
    for (msisdn, l) in numbers.iter().zip(labels) {
        account.labels().set(1, msisdn, l).await.unwrap();
    }
    let labels = account.labels().of_company(1).await.unwrap();

    for basis in [Basis::WithVat, Basis::WithoutVat] {
        let overview = spend.overview(1, basis).await.unwrap();
        let months = overview.months.clone();
        assert_eq!((months.len(), months[0], months[11]), (12, from, to));
        for (i, m) in overview.by_month.iter().enumerate() {
            let mut sum = Amounts::default();
            rows.iter().filter(|r| r.month == months[i]).for_each(|r| sum.add(r.net, r.vat));
            assert_eq!((m.month, m.amounts), (months[i], sum));
        }
        for (dimension, groups) in [
            (Dimension::CostCentre, &overview.by_cost_centre),
            (Dimension::Department, &overview.by_department),
            (Dimension::Tariff, &overview.by_tariff),
            (Dimension::Service, &overview.by_service),
        ] {
            let lines = groups_of_lines(&rows, &labels, &months, dimension);
            let expected: BTreeMap<_, _> =
                lines.iter().map(|(k, (name, m, n))| (k.clone(), (name.clone(), m.clone(), n.len()))).collect();
            assert_eq!(as_lines(groups), expected, "{dimension:?}");
            assert_eq!(groups, &spend.view(1, dimension).await.unwrap(), "{dimension:?}: the view is the overview's");
            // The numbers behind each group, over the year and in its last month.
            for g in groups {
                for month in [None, Some(to)] {
                    let figure = Figure { dimension: Some(dimension), key: g.key.clone(), month };
                    let behind = spend.behind(1, &figure, basis).await.unwrap();
                    let mut expected: BTreeMap<String, Amounts> = BTreeMap::new();
                    for r in rows.iter().filter(|r| month.is_none_or(|m| m == r.month)) {
                        if group_of(r, &labels, dimension).0 == g.key {
                            expected.entry(r.msisdn.clone()).or_default().add(r.net, r.vat);
                        }
                    }
                    let got: BTreeMap<String, Amounts> =
                        behind.iter().map(|b| (b.number.msisdn.clone(), b.number.amounts)).collect();
                    assert_eq!(got, expected, "{dimension:?} {:?} {month:?}", g.key);
                    let order: Vec<i64> = behind.iter().map(|b| b.number.amounts.of(basis)).collect();
                    assert!(order.windows(2).all(|w| w[0] >= w[1]), "the largest first");
                    for b in &behind {
                        let employee = labels.get(&b.number.msisdn).map(|l| l.employee.clone()).unwrap_or_default();
                        assert_eq!(b.employee, employee);
                    }
                }
            }
        }

        // The top numbers: the latest month's largest, against their own three months before.
        let mut latest: BTreeMap<&str, Amounts> = BTreeMap::new();
        let mut before: BTreeMap<(&str, YearMonth), Amounts> = BTreeMap::new();
        for r in &rows {
            if r.month == to {
                latest.entry(&r.msisdn).or_default().add(r.net, r.vat);
            } else if r.month >= to.minus(3) {
                before.entry((&r.msisdn, r.month)).or_default().add(r.net, r.vat);
            }
        }
        let mut expected: Vec<(&str, Amounts)> = latest.into_iter().collect();
        expected.sort_by(|a, b| b.1.of(basis).cmp(&a.1.of(basis)).then(a.0.cmp(b.0)));
        expected.truncate(kabinet_core::spend::TOP_COUNT);
        assert_eq!(overview.top.len(), expected.len());
        for (top, (msisdn, amounts)) in overview.top.iter().zip(expected) {
            assert_eq!((top.msisdn.as_str(), top.amounts), (msisdn, amounts));
            let months: Vec<i64> =
                (1..=3).filter_map(|k| before.get(&(msisdn, to.minus(k)))).map(|a| a.of(basis)).collect();
            assert_eq!(top.average, kabinet_core::spend::aggregate::average(&months), "{msisdn}");
        }
    }

    // A view is kept once added up, and forgotten when the labels change: a number moved to
    // another cost centre is counted there in the next view.
    let moved = &numbers[6];
    account.labels().set(1, moved, label("CC-30", "Moved", "Field", "")).await.unwrap();
    let labels = account.labels().of_company(1).await.unwrap();
    let overview = spend.overview(1, Basis::WithVat).await.unwrap();
    for (dimension, groups) in
        [(Dimension::CostCentre, &overview.by_cost_centre), (Dimension::Department, &overview.by_department)]
    {
        let lines = groups_of_lines(&rows, &labels, &overview.months, dimension);
        let expected: BTreeMap<_, _> =
            lines.iter().map(|(k, (name, m, n))| (k.clone(), (name.clone(), m.clone(), n.len()))).collect();
        assert_eq!(as_lines(groups), expected, "{dimension:?} after a label changed");
    }
    assert!(overview.by_cost_centre.iter().any(|g| g.key.as_deref() == Some("CC-30") && g.numbers == 1));

    // The chargeback: each cost centre and each number's months as the lines say them.
    let chargeback = spend.chargeback(1, from, to).await.unwrap();
    let months = chargeback.months.clone();
    let lines = groups_of_lines(&rows, &labels, &months, Dimension::CostCentre);
    let expected: BTreeMap<_, _> =
        lines.iter().map(|(k, (name, m, n))| (k.clone(), (name.clone(), m.clone(), n.len()))).collect();
    assert_eq!(as_lines(&chargeback.cost_centres), expected);
    let mut per_number: BTreeMap<&str, Vec<Amounts>> = BTreeMap::new();
    for r in &rows {
        let i = months.iter().position(|m| *m == r.month).unwrap();
        per_number.entry(&r.msisdn).or_insert_with(|| vec![Amounts::default(); months.len()])[i].add(r.net, r.vat);
    }
    let got: BTreeMap<&str, Vec<Amounts>> =
        chargeback.numbers.iter().map(|n| (n.msisdn.as_str(), n.months.clone())).collect();
    assert_eq!(got, per_number);
    // Each number's account and tariff are those of the first month it was billed in (the
    // smallest of that month's lines', as the totals keep them).
    let mut first: BTreeMap<&str, (YearMonth, &str, &str)> = BTreeMap::new();
    for r in &rows {
        let line = (r.month, r.account.as_str(), r.tariff.as_str());
        first.entry(&r.msisdn).and_modify(|f| *f = (*f).min(line)).or_insert(line);
    }
    let got: BTreeMap<&str, (&str, &str)> =
        chargeback.numbers.iter().map(|n| (n.msisdn.as_str(), (n.account.as_str(), n.tariff.as_str()))).collect();
    let expected: BTreeMap<&str, (&str, &str)> = first.iter().map(|(m, (_, a, t))| (*m, (*a, *t))).collect();
    assert_eq!(got, expected);
}
