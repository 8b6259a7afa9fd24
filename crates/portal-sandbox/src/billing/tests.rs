//! The documents agree, over the demo data: a certificate's totals are its invoice's, the
//! reconciliation's turnovers are the certificates and the payments of its period, and one
//! period's closing balance is the next one's opening.

use super::*;
use crate::billing::invoices::{account_nets, register};
use chrono::{Datelike, TimeZone};
use kabinet_documents::Cell;
use kabinet_protocol::api::PaymentMethod;
use kabinet_protocol::rules::document_months::YearMonth;
use sqlx::SqlitePool;

async fn demo_db() -> (tempfile::TempDir, SqlitePool) {
    let dir = tempfile::tempdir().unwrap();
    let pool = crate::db::open(dir.path()).await.unwrap();
    crate::seed::apply(&pool, &crate::seed::Seed::Demo).await.unwrap();
    (dir, pool)
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 10, 6, 0, 0).unwrap()
}

fn ym(year: i32, month: u32) -> YearMonth {
    YearMonth::new(year, month).unwrap()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[tokio::test]
async fn company_1_bills_by_the_manuals_accounts_with_its_address() {
    let (_dir, pool) = demo_db().await;
    let mut conn = pool.acquire().await.unwrap();
    let accounts = accounts(&mut conn, 1).await.unwrap();
    let names: Vec<&str> = accounts.iter().map(|a| a.account.as_str()).collect();
    assert_eq!(names, ["25060830", "25060831", "25060854", "26026487"]);
    assert!(accounts.iter().all(|a| a.numbers > 0), "{accounts:?}");
    assert_eq!(accounts.iter().map(|a| a.numbers).sum::<i64>(), 33);
    let customer = customer(&mut conn, 1).await.unwrap();
    assert!(customer.address.contains('Қ'), "{}", customer.address);
    assert_eq!(customer.contract(), "Договор № К-0154/18 от 15.01.2018");
    let subscribers = subscribers(&mut conn, 1, None).await.unwrap();
    let manual = subscribers.iter().find(|s| s.msisdn == "77010542007").unwrap();
    assert_eq!(manual.account, "25060830");
}

#[tokio::test]
async fn a_certificate_is_its_months_invoice_of_its_account() {
    let (_dir, pool) = demo_db().await;
    let mut conn = pool.acquire().await.unwrap();
    let customer = customer(&mut conn, 1).await.unwrap();
    let all = subscribers(&mut conn, 1, None).await.unwrap();
    // Both sides of the VAT change, and the first month.
    let (first, last) = (ym(2025, 11), ym(2026, 1));
    let invoices = register(&customer, &all, first, last);
    assert_eq!(invoices.len(), 4 * 3);
    for invoice in &invoices {
        let month = ym(invoice.turnover_date.year(), invoice.turnover_date.month());
        let own = subscribers(&mut conn, 1, Some(&invoice.account)).await.unwrap();
        let cert = certificate::build(&customer, &invoice.account, &own, month, now()).unwrap();
        cert.check().unwrap();
        assert_eq!((cert.net, cert.vat, cert.total), (invoice.net.0, invoice.vat.0, invoice.total.0));
        assert_eq!(cert.number, invoice.accounting_number);
        assert_eq!(cert.vat_rate, if month < ym(2026, 1) { 12 } else { 16 });
        assert_eq!(cert.appendix.len(), own.len());
        assert_eq!(cert.customer.bin, "150340001236");
        assert_eq!(cert.contractor.bin, OPERATOR_BIN);
    }
    let jan_2018 = certificate::build(
        &customer,
        "25060854",
        &subscribers(&mut conn, 1, Some("25060854")).await.unwrap(),
        ym(2018, 1),
        now(),
    );
    jan_2018.unwrap().check().unwrap();
}

#[tokio::test]
async fn reconciliation_turnovers_are_certificates_and_payments_and_balances_chain() {
    let (_dir, pool) = demo_db().await;
    let mut conn = pool.acquire().await.unwrap();
    let customer = customer(&mut conn, 1).await.unwrap();
    let subs = subscribers(&mut conn, 1, None).await.unwrap();
    let (from, to) = (day(2025, 4, 1), day(2026, 2, 28));
    let statement = reconciliation::build(&customer, &subs, from, to, now());
    statement.check().unwrap();
    // Debits: the certificates of April 2025 to February 2026, every account.
    let certificates: i64 = register(&customer, &subs, ym(2025, 4), ym(2026, 2)).iter().map(|i| i.total.0).sum();
    assert_eq!(statement.debit_turnover, certificates);
    // Credits: the payment orders dated in the period.
    let mut paid = 0;
    for account in account_nets(&subs, ym(2025, 1), ym(2026, 2)) {
        for (month, net) in account.months() {
            let invoice = invoices::invoice(&customer, &account.account, month, net);
            paid += payments::paying(&account.account, month, invoice.total.0, "")
                .iter()
                .filter(|o| (from..=to).contains(&o.date))
                .map(|o| o.amount)
                .sum::<i64>();
        }
    }
    assert_eq!(statement.credit_turnover, paid);
    assert!(statement.rows.windows(2).all(|w| w[0].date <= w[1].date), "oldest first");
    assert!(statement.rows.iter().any(|r| r.credit > 0) && statement.rows.iter().any(|r| r.debit > 0));
    // The opening balance is the whole history's, and the next period opens with this closing.
    assert_eq!(statement.opening, reconciliation::whole_history_balance(&customer, &subs, from));
    for (a, b) in [
        (day(2025, 4, 1), day(2025, 6, 17)),
        (day(2025, 6, 18), day(2025, 12, 31)),
        (day(2026, 1, 1), day(2026, 2, 28)),
    ] {
        let this = reconciliation::build(&customer, &subs, a, b, now());
        let next = reconciliation::build(&customer, &subs, b.succ_opt().unwrap(), day(2026, 2, 28), now());
        assert_eq!(this.closing, next.opening, "{a}..{b}");
        assert_eq!(this.opening, reconciliation::whole_history_balance(&customer, &subs, a), "{a}");
    }
    // The first months of the data have nothing before them.
    let first = reconciliation::build(&customer, &subs, day(2018, 1, 1), day(2018, 3, 31), now());
    assert_eq!(first.opening, 0);
}

/// The case: the payments reports (both types) of 07.09–30.11.2026 and the
/// reconciliation of the same days name the same payment orders and add up to the same tiyn.
#[tokio::test]
async fn the_payments_reports_are_the_reconciliations_credits() {
    let (_dir, pool) = demo_db().await;
    let mut conn = pool.acquire().await.unwrap();
    let company = crate::reports::test_db::company(&pool, 1).await;
    let customer = customer(&mut conn, 1).await.unwrap();
    let subs = subscribers(&mut conn, 1, None).await.unwrap();
    let now = Utc.with_ymd_and_hms(2026, 12, 6, 6, 0, 0).unwrap();
    for (from, to) in [(day(2026, 9, 7), day(2026, 11, 30)), (day(2026, 10, 1), day(2026, 10, 31))] {
        let statement = reconciliation::build(&customer, &subs, from, to, now);
        let mut reported = 0;
        for method in [PaymentMethod::Credit, PaymentMethod::Advance] {
            let table = crate::reports::payments::table(&mut conn, &company, &method, from, to, now).await.unwrap();
            assert!(!table.rows.is_empty(), "{method:?}");
            for row in &table.rows {
                let (Cell::DateTime(at), Cell::Text(number)) = (&row[0], &row[5]) else { panic!("{row:?}") };
                let document = format!("Платёжное поручение № {number} от {}", at.format("%d.%m.%Y"));
                assert!(
                    statement.rows.iter().any(|r| r.credit > 0 && r.document.starts_with(&document)),
                    "{document} is not in the reconciliation"
                );
            }
            let Some(Cell::Money(total)) = table.totals.as_ref().unwrap().get(3).cloned() else { panic!() };
            reported += total;
        }
        assert_eq!(reported, statement.credit_turnover, "{from}..{to}");
    }
}
