//! Each report's XLSX read back: the title block, the header, and each kind of cell with
//! its type and number format.

use super::*;
use chrono::{NaiveDate, TimeZone};
use kabinet_documents::inspect::Inspected;
use kabinet_documents::{DATE_FORMAT, DATE_TIME_FORMAT, MONEY_FORMAT};
use kabinet_protocol::api::PaymentMethod;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// The first data row: after the title lines, an empty row and the header.
fn first_row(t: &kabinet_documents::Table) -> u32 {
    t.title.lines().len() as u32 + 2
}

#[tokio::test]
async fn each_report_reads_back_with_its_types_and_formats() {
    let (_dir, pool) = test_db::demo().await;
    let company = test_db::company(&pool, 1).await;
    let now = Utc.with_ymd_and_hms(2026, 5, 20, 6, 0, 0).unwrap();
    let mut conn = pool.acquire().await.unwrap();

    let t =
        payments::table(&mut conn, &company, &PaymentMethod::Credit, d(2026, 3, 1), d(2026, 5, 20), now).await.unwrap();
    let x = Inspected::read(&kabinet_documents::xlsx(&t).unwrap());
    assert_eq!(x.text(0, 0), payments::WHAT);
    assert_eq!(x.text(1, 0), "Компания: ТОО Кабинет");
    assert_eq!(x.text(2, 0), "БИН: 150340001236");
    assert_eq!(x.text(3, 0), "Период: 01.03.2026 — 20.05.2026");
    assert_eq!(x.text(4, 0), "Сформирован: 20.05.2026 11:00:00 (UTC+5)");
    assert_eq!(x.text(5, 0), "Тип платежей: Кредитные номера");
    let row = first_row(&t);
    assert_eq!(x.text(row - 1, 3), "Сумма, ₸");
    assert!(x.bold(row - 1, 0));
    assert_eq!(x.frozen_rows(), Some(row));
    x.datetime(row, 0);
    assert_eq!(x.number_format(row, 0), DATE_TIME_FORMAT);
    assert!(x.number(row, 3) > 0.0);
    assert_eq!(x.number_format(row, 3), MONEY_FORMAT);
    x.text(row, 1);

    let t = atlas_pro::table(&mut conn, &company, d(2025, 6, 1), d(2026, 5, 20), now).await.unwrap();
    let x = Inspected::read(&kabinet_documents::xlsx(&t).unwrap());
    assert_eq!(x.text(0, 0), atlas_pro::WHAT);
    assert_eq!(x.text(5, 0), atlas_pro::TERMS[0]);
    assert!(x.text(6, 0).contains("8541"));
    let row = first_row(&t);
    x.datetime(row, 0);
    assert_eq!(x.number_format(row, 0), DATE_FORMAT);
    assert_eq!(x.number(row, 3), 950.0);
    assert_eq!(x.number_format(row, 3), MONEY_FORMAT);
    assert_eq!(x.number_format(row, 4), "#,##0.00");
    x.number(row, 6);

    let t = devices::table(&mut conn, &company, now).await.unwrap();
    let x = Inspected::read(&kabinet_documents::xlsx(&t).unwrap());
    assert_eq!(x.text(0, 0), devices::WHAT);
    let row = first_row(&t);
    let registered = (row..=x.last_row()).find(|r| x.text(*r, 3) == devices::REGISTERED).unwrap();
    assert_eq!(x.number_format(registered, 5), DATE_TIME_FORMAT);
    x.datetime(registered, 5);
    assert_eq!(x.autofilter().unwrap().split(':').next(), Some(format!("A{row}").as_str()));
}

/// The company payments report of a 100,000-number company (seed `large:100000`): how long the
/// table and the file take. Ignored (slow in debug); run with
/// `cargo test -p portal-sandbox --release --lib large_company -- --ignored --nocapture`.
#[tokio::test]
#[ignore]
async fn large_company_payments_report() {
    let dir = tempfile::tempdir().unwrap();
    let pool = crate::db::open(dir.path()).await.unwrap();
    crate::seed::apply(&pool, &crate::seed::Seed::Large(100_000)).await.unwrap();
    let company = test_db::company(&pool, 4).await;
    let now = Utc::now();
    let (from, to) = kabinet_protocol::rules::payments_period::default_period(now);
    let mut conn = pool.acquire().await.unwrap();
    let started = std::time::Instant::now();
    let table = payments::table(&mut conn, &company, &PaymentMethod::Credit, from, to, now).await.unwrap();
    let built = started.elapsed();
    let bytes = kabinet_documents::xlsx(&table).unwrap();
    println!(
        "payments_report_rows={} table_ms={} total_ms={} xlsx_bytes={}",
        table.rows.len(),
        built.as_millis(),
        started.elapsed().as_millis(),
        bytes.len()
    );
}
