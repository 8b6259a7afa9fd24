//! The company's billing documents over HTTP: accounts, the certificate, the invoice register
//! and the search by invoice; availability on both sides of every boundary with the sandbox's
//! clock; another company's data answers 404; the files read back.

mod common;

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
use common::*;
use kabinet_documents::inspect::{Inspected, InspectedPdf, Value as Cell};
use kabinet_protocol::rules::document_months::{self, MonthlyDocument, YearMonth};
use reqwest::StatusCode;
use serde_json::Value;

/// A file answer: status, content type, content disposition, bytes (or the error's JSON).
struct Download {
    status: StatusCode,
    content_type: String,
    disposition: String,
    bytes: Vec<u8>,
}

impl Download {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.bytes).unwrap_or(Value::Null)
    }
}

async fn download(p: &Portal, path: &str, token: &str) -> Download {
    let resp = p.http.get(p.url(path)).bearer_auth(token).send().await.unwrap();
    let header = |name| resp.headers().get(name).map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
    let (content_type, disposition) = (header("content-type"), header("content-disposition"));
    Download { status: resp.status(), content_type, disposition, bytes: resp.bytes().await.unwrap().to_vec() }
}

/// Moves the sandbox's clock forward to `target` (in steps of at most 30 days).
fn set_clock(p: &Portal, target: DateTime<Utc>) {
    let ahead = (target - p.sandbox.clock().now()).num_seconds();
    assert!(ahead >= 0, "the clock only moves forward: {target}");
    p.sandbox.clock().advance(ahead);
}

/// The next midnight in Kazakhstan starting day `day` of a month, after the sandbox's now.
fn next_kz_midnight_of(p: &Portal, day: u32) -> DateTime<Utc> {
    let mut date = kabinet_protocol::kz::today(p.sandbox.clock().now()) + Duration::days(1);
    while date.day() != day {
        date += Duration::days(1);
    }
    kabinet_protocol::kz::offset().from_local_datetime(&date.and_hms_opt(0, 0, 0).unwrap()).unwrap().with_timezone(&Utc)
}

fn month_of(t: DateTime<Utc>) -> YearMonth {
    YearMonth::of(t)
}

const ACCOUNT: &str = "25060854";

#[tokio::test]
async fn the_companys_accounts_and_404_for_another_companys() {
    let p = Portal::start().await;
    let t = p.admin().await;
    let (status, body) = p.get("/api/v1/companies/1/accounts", &t).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let accounts: Vec<&str> =
        body["items"].as_array().unwrap().iter().map(|a| a["account"].as_str().unwrap()).collect();
    assert!(accounts.contains(&ACCOUNT), "{accounts:?}");
    assert_eq!(p.get("/api/v1/companies/3/accounts", &t).await.0, StatusCode::NOT_FOUND);

    let month = document_months::available(MonthlyDocument::ServiceCertificate, p.sandbox.clock().now()).last;
    for path in [
        // Company 2's account asked under company 1, company 3's number, company 3 itself.
        format!("/api/v1/companies/1/certificate?account=25112400&month={month}&format=pdf"),
        format!("/api/v1/companies/1/certificate?msisdn=77754100000&month={month}&format=xlsx"),
        format!("/api/v1/companies/3/certificate?account=27040511&month={month}&format=pdf"),
        format!("/api/v1/companies/3/invoices/register?from={month}&to={month}"),
        "/api/v1/companies/3/invoices/search?by=accounting&number=2601-27040511&year=2026".to_string(),
    ] {
        let d = download(&p, &path, &t).await;
        assert_eq!((d.status, d.json()["code"].as_str()), (StatusCode::NOT_FOUND, Some("not_found")), "{path}");
    }
}

#[tokio::test]
async fn bad_input_names_its_field() {
    let p = Portal::start().await;
    let t = p.admin().await;
    for (path, field) in [
        ("/api/v1/companies/1/certificate?account=25060854&month=2026-1&format=pdf", "month"),
        ("/api/v1/companies/1/certificate?month=2026-01&format=pdf", "account"),
        ("/api/v1/companies/1/certificate?account=25060854&msisdn=77010542007&month=2026-01&format=pdf", "account"),
        ("/api/v1/companies/1/invoices/register?from=2026-13&to=2026-01", "from"),
        ("/api/v1/companies/1/invoices/register?from=2025-10&to=2025-09", "from"),
        (
            "/api/v1/companies/1/invoices/search?by=registration&number=ESF-940140000385-20260203-0001234&year=2026",
            "number",
        ),
    ] {
        let (status, body) = p.get(path, &t).await;
        assert_eq!((status, body["field"].as_str()), (StatusCode::BAD_REQUEST, Some(field)), "{path}: {body}");
    }
    let (status, body) = p.get("/api/v1/companies/1/certificate?account=25060854&month=2026-01&format=doc", &t).await;
    assert_eq!((status, code(&body)), (StatusCode::BAD_REQUEST, "invalid_input"), "{body}");
}

#[tokio::test]
async fn the_register_is_an_xlsx_whose_invoices_the_search_finds() {
    let p = Portal::start().await;
    let t = p.admin().await;
    let last = document_months::available(MonthlyDocument::InvoiceRegister, p.sandbox.clock().now()).last;
    let first = last.minus(2);
    let d = download(&p, &format!("/api/v1/companies/1/invoices/register?from={first}&to={last}"), &t).await;
    assert_eq!(d.status, StatusCode::OK, "{}", String::from_utf8_lossy(&d.bytes));
    assert!(d.content_type.contains("spreadsheetml"), "{}", d.content_type);
    assert_eq!(d.disposition, format!("attachment; filename*=UTF-8''reestr-esf-150340001236-{first}-{last}.xlsx"));
    let x = Inspected::read(&d.bytes);
    assert_eq!(x.text(0, 0), "Реестр электронных счетов-фактур");
    assert_eq!(x.text(1, 0), "Компания: ТОО Кабинет");
    // Title (what, company, BIN, period, generated), an empty row, the header.
    let header = 6;
    assert_eq!(x.text(header, 0), "Регистрационный номер ЭСФ");
    assert_eq!(x.frozen_rows(), Some(header + 1));
    // Four accounts, three months.
    let rows: Vec<u32> = (header + 1..header + 13).collect();
    let (mut net, mut vat, mut total) = (0.0, 0.0, 0.0);
    for &r in &rows {
        assert_eq!(x.text(r, 0).chars().count(), 34, "row {r}");
        assert_eq!(x.text(r, 5), "940140000385");
        assert_eq!(x.text(r, 6), "150340001236");
        assert!(x.number_format(r, 7).contains('₸'), "{}", x.number_format(r, 7));
        let _ = x.datetime(r, 3);
        let rate = x.number(r, 8);
        let expected_rate =
            if x.datetime(r, 4).date() < NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() { 12.0 } else { 16.0 };
        assert_eq!(rate, expected_rate);
        assert!(((x.number(r, 7) + x.number(r, 9)) - x.number(r, 10)).abs() < 0.005);
        net += x.number(r, 7);
        vat += x.number(r, 9);
        total += x.number(r, 10);
    }
    assert!(matches!(x.value(header + 13, 0), Cell::Empty), "one empty row, then the totals");
    let totals = x.last_row();
    assert_eq!(x.text(totals, 0), "Итого");
    assert!((x.number(totals, 7) - net).abs() < 0.005 && (x.number(totals, 9) - vat).abs() < 0.005);
    assert!((x.number(totals, 10) - total).abs() < 0.005);

    // Each of the first account's invoices is found by either number, with its numbers.
    let r = rows[0];
    let (registration, accounting) = (x.text(r, 0), x.text(r, 1));
    let year = x.datetime(r, 4).date().year();
    let (status, by_registration) = p
        .get(&format!("/api/v1/companies/1/invoices/search?by=registration&number={registration}&year={year}"), &t)
        .await;
    assert_eq!(status, StatusCode::OK, "{by_registration}");
    let (status, by_accounting) =
        p.get(&format!("/api/v1/companies/1/invoices/search?by=accounting&number={accounting}&year={year}"), &t).await;
    assert_eq!(status, StatusCode::OK, "{by_accounting}");
    assert_eq!(by_registration, by_accounting);
    let invoice = &by_registration["invoice"];
    assert_eq!(invoice["account"].as_str().unwrap(), x.text(r, 2));
    assert_eq!(invoice["net"].as_i64().unwrap() as f64 / 100.0, x.number(r, 7));
    let numbers = by_registration["numbers"].as_array().unwrap();
    assert!(!numbers.is_empty());
    let sum: i64 = numbers.iter().map(|n| n["net"].as_i64().unwrap()).sum();
    assert_eq!(sum, invoice["net"].as_i64().unwrap(), "the numbers add up to the invoice");

    // The same as a file.
    let d = download(
        &p,
        &format!("/api/v1/companies/1/invoices/search?by=registration&number={registration}&year={year}&format=xlsx"),
        &t,
    )
    .await;
    assert_eq!(d.status, StatusCode::OK);
    assert_eq!(d.disposition, format!("attachment; filename*=UTF-8''esf-{accounting}.xlsx"));
    let f = Inspected::read(&d.bytes);
    assert!(f.text(0, 0).contains(&registration), "{}", f.text(0, 0));
    assert_eq!(f.text(8, 0), numbers[0]["msisdn"].as_str().unwrap());

    // Another year, another company's invoice, or a number no invoice has: not found.
    let other = format!("ESF-940140000385-{}-99999999", &registration[17..25]);
    for path in [
        format!("/api/v1/companies/1/invoices/search?by=registration&number={registration}&year={}", year - 1),
        format!("/api/v1/companies/1/invoices/search?by=registration&number={other}&year={year}"),
        format!("/api/v1/companies/2/invoices/search?by=accounting&number={accounting}&year={year}"),
    ] {
        let (status, body) = p.get(&path, &t).await;
        assert_eq!((status, body["reason"].as_str()), (StatusCode::NOT_FOUND, Some("invoice_not_found")), "{path}");
    }
}

#[tokio::test]
async fn the_register_of_last_month_comes_at_midnight_after_the_3rd_in_kazakhstan() {
    let p = Portal::start().await;
    let boundary = next_kz_midnight_of(&p, 4);
    // 19:00 UTC the day before.
    assert_eq!(boundary.format("%H:%M").to_string(), "19:00");
    let last_month = month_of(boundary).minus(1);
    let path = format!("/api/v1/companies/1/invoices/register?from={last_month}&to={last_month}");
    set_clock(&p, boundary - Duration::seconds(5));
    // The session is idle longer than it lives: a new one.
    let t = p.admin().await;
    let (status, body) = p.get(&path, &t).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(
        (code(&body), body["reason"].as_str(), body["field"].as_str()),
        ("not_yet_available", Some("document_not_ready_yet"), Some("to"))
    );
    set_clock(&p, boundary + Duration::seconds(5));
    assert_eq!(download(&p, &path, &t).await.status, StatusCode::OK);
    // The month that is not over, and before January 2018.
    let this_month = month_of(boundary);
    let (status, body) =
        p.get(&format!("/api/v1/companies/1/invoices/register?from={this_month}&to={this_month}"), &t).await;
    assert_eq!((status, body["reason"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("month_not_over")));
    let (status, body) = p.get("/api/v1/companies/1/invoices/register?from=2017-12&to=2018-01", &t).await;
    assert_eq!(
        (status, body["reason"].as_str(), body["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("month_too_old"), Some("from"))
    );
    assert_eq!(
        download(&p, "/api/v1/companies/1/invoices/register?from=2018-01&to=2018-01", &t).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn the_certificate_of_last_month_comes_at_midnight_after_the_5th_and_is_written_to_the_history() {
    let p = Portal::start().await;
    let boundary = next_kz_midnight_of(&p, 6);
    let last_month = month_of(boundary).minus(1);
    let path = format!("/api/v1/companies/1/certificate?account={ACCOUNT}&month={last_month}&format=pdf");
    set_clock(&p, boundary - Duration::seconds(5));
    let t = p.admin().await;
    let d = download(&p, &path, &t).await;
    let body = d.json();
    assert_eq!(d.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!((body["reason"].as_str(), body["field"].as_str()), (Some("document_not_ready_yet"), Some("month")));
    set_clock(&p, boundary + Duration::seconds(5));
    let d = download(&p, &path, &t).await;
    assert_eq!(d.status, StatusCode::OK, "{}", String::from_utf8_lossy(&d.bytes));
    assert_eq!(d.content_type, "application/pdf");
    assert!(d.bytes.starts_with(b"%PDF"));
    assert_eq!(
        d.disposition,
        format!("attachment; filename*=UTF-8''akt-{:02}{:02}-{ACCOUNT}.pdf", last_month.year % 100, last_month.month)
    );
    let text = InspectedPdf::read(&d.bytes).text();
    for expected in ["Қабанбай", "Әл-Фараби", "940140000385", "150340001236", ACCOUNT, "Приложение", "₸"]
    {
        assert!(text.contains(expected), "{expected} in {text}");
    }
    // By a number: its account's certificate, as Excel.
    let d =
        download(&p, &format!("/api/v1/companies/1/certificate?msisdn=77010542007&month={last_month}&format=xlsx"), &t)
            .await;
    assert_eq!(d.status, StatusCode::OK);
    assert!(d.content_type.contains("spreadsheetml"), "{}", d.content_type);
    assert_eq!(Inspected::read(&d.bytes).sheet_name, kabinet_documents::CERTIFICATE_SHEET);
    assert!(
        d.disposition.contains(&format!("akt-{:02}{:02}-25060830.xlsx", last_month.year % 100, last_month.month)),
        "{}",
        d.disposition
    );
    // January 2018 is the first month.
    let d =
        download(&p, &format!("/api/v1/companies/1/certificate?account={ACCOUNT}&month=2017-12&format=pdf"), &t).await;
    assert_eq!(
        (d.status, d.json()["reason"].as_str(), d.json()["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("month_too_old"), Some("month"))
    );
    assert_eq!(
        download(&p, &format!("/api/v1/companies/1/certificate?account={ACCOUNT}&month=2018-01&format=xlsx"), &t)
            .await
            .status,
        StatusCode::OK
    );

    let (_, history) = p.get("/api/v1/companies/1/actions", &t).await;
    let rows: Vec<(&str, &str)> = history["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["action"].as_str().unwrap(), r["status"].as_str().unwrap()))
        .collect();
    let action = "Request from contact to provide certificates of work performed for company 150340001236 (BIN)";
    assert_eq!(rows.iter().filter(|r| **r == (action, "Success")).count(), 3, "{rows:#?}");
    assert_eq!(rows.iter().filter(|r| **r == (action, "Refused")).count(), 2, "{rows:#?}");
    assert!(history["items"].as_array().unwrap().iter().all(|r| r["msisdn"].is_null()));
}

#[tokio::test]
async fn the_reconciliation_statement_covers_the_last_12_months_and_is_e_mailed_as_pdf() {
    use reqwest::Method;
    let p = Portal::start().await;
    let t = p.admin().await;
    let now = p.sandbox.clock().now();
    let (first, last) = document_months::available_days(MonthlyDocument::Reconciliation, now);
    let ask = |from: NaiveDate, to: NaiveDate| {
        let body = serde_json::json!({"kind": "reconciliation", "from": from, "to": to, "email": "buh@kabinet.kz"});
        p.call(Method::POST, "/api/v1/companies/1/reports", Some(&t), Some(body))
    };
    // A day before the 12 months, and a period into the month that is not over: refused, named.
    let (status, body) = ask(first.pred_opt().unwrap(), last).await;
    assert_eq!(
        (status, body["reason"].as_str(), body["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("month_too_old"), Some("from")),
        "{body}"
    );
    let (status, body) = ask(first, last.succ_opt().unwrap()).await;
    assert_eq!((status, body["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("to")), "{body}");
    let (status, record) = ask(first, last).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{record}");
    p.advance(5).await;
    let id = record["id"].as_str().unwrap();
    let d = download(&p, &format!("/api/v1/companies/1/reports/{id}/file"), &t).await;
    assert_eq!((d.status, d.content_type.as_str()), (StatusCode::OK, "application/pdf"));
    let text = InspectedPdf::read(&d.bytes).text();
    for expected in ["АКТ СВЕРКИ", "ТОО Кабинет", "150340001236", "Платёжное поручение", "Акт выполненных работ"]
    {
        assert!(text.contains(expected), "{expected} in {text}");
    }
    let mail = p.outbox("buh@kabinet.kz").await;
    assert_eq!(mail[0]["attachment"]["size"].as_u64().unwrap(), d.bytes.len() as u64);
    // The name says the period, so two statements never share one.
    let name = format!("reconciliation_150340001236_{first}_{last}.pdf");
    assert!(d.disposition.ends_with(&format!("filename*=UTF-8''{name}")), "{}", d.disposition);

    // The same statement as XLSX when asked; a format the kind is not made in is refused.
    let body = serde_json::json!({"kind": "reconciliation", "from": first, "to": last, "email": "buh@kabinet.kz", "format": "xlsx"});
    let (status, record) = p.call(Method::POST, "/api/v1/companies/1/reports", Some(&t), Some(body)).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{record}");
    p.advance(5).await;
    let id = record["id"].as_str().unwrap();
    let d = download(&p, &format!("/api/v1/companies/1/reports/{id}/file"), &t).await;
    assert!(d.content_type.contains("spreadsheetml"), "{}", d.content_type);
    let xlsx = name.replace(".pdf", ".xlsx");
    assert!(d.disposition.ends_with(&format!("filename*=UTF-8''{xlsx}")), "{}", d.disposition);
    let x = Inspected::read(&d.bytes);
    assert_eq!(x.sheet_name, kabinet_documents::RECONCILIATION_SHEET);
    assert_eq!(x.text(0, 0), "Акт сверки взаимных расчётов");
    assert!((0..=x.last_row()).any(|r| matches!(x.value(r, 1), Cell::String(s) if s == "Сальдо конечное")));
    assert_eq!(x.text(x.last_row(), 0), "М.П.");
    let body = serde_json::json!({"kind": "numbers", "email": "buh@kabinet.kz", "format": "pdf"});
    let (status, e) = p.call(Method::POST, "/api/v1/companies/1/reports", Some(&t), Some(body)).await;
    assert_eq!((status, e["field"].as_str()), (StatusCode::BAD_REQUEST, Some("format")), "{e}");
}
