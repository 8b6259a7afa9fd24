//! The payments report by number over HTTP: the three-month rule
//! (`kabinet_protocol::rules::payments_period`) with its reasons and fields, the e-mail with the
//! XLSX attached in the outbox, and the actions history.

mod common;

use chrono::{Duration, Months, Utc};
use common::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

const NUMBER: &str = "77010542007";
const EMAIL: &str = "aliya.saparova@kabinet.kz";

fn today() -> chrono::NaiveDate {
    kabinet_protocol::kz::today(Utc::now())
}

async fn ask(
    p: &Portal,
    t: &str,
    msisdn: &str,
    from: impl ToString,
    to: impl ToString,
    email: &str,
) -> (StatusCode, Value) {
    let body = json!({"from": from.to_string(), "to": to.to_string(), "email": email});
    p.call(Method::POST, &format!("/api/v1/numbers/{msisdn}/payments/report"), Some(t), Some(body)).await
}

async fn history(p: &Portal, t: &str) -> Vec<Value> {
    let (_, body) = p.get("/api/v1/companies/1/actions", t).await;
    body["items"].as_array().unwrap().iter().filter(|a| a["action"] == "Payments report").cloned().collect()
}

#[tokio::test]
async fn a_report_of_the_last_three_months_is_sent_with_the_xlsx_attached_and_written_to_the_history() {
    let p = Portal::start().await;
    let t = p.admin().await;
    let from = today().checked_sub_months(Months::new(3)).unwrap();
    let (status, report) = ask(&p, &t, NUMBER, from, today(), EMAIL).await;
    assert_eq!(status, StatusCode::OK, "{report}");
    let payments = report["payments"].as_array().unwrap();
    assert!(payments.len() >= 3, "one payment a month at least: {report}");
    let sum: i64 = payments.iter().map(|p| p["amount"].as_i64().unwrap()).sum();
    assert_eq!(report["total"].as_i64().unwrap(), sum);
    for payment in payments {
        let at = chrono::DateTime::parse_from_rfc3339(payment["at"].as_str().unwrap()).unwrap().with_timezone(&Utc);
        let day = kabinet_protocol::kz::today(at);
        assert!(from <= day && day <= today(), "{payment}");
        assert!(!payment["channel"].as_str().unwrap().is_empty() && payment["amount"].as_i64().unwrap() > 0);
    }
    let file = format!("payments-{NUMBER}-{from}-{}.xlsx", today());
    assert_eq!(report["file_name"], file.as_str());

    // The same period again gives the same payments: they are the sandbox's, not random.
    let (_, again) = ask(&p, &t, NUMBER, from, today(), EMAIL).await;
    assert_eq!(again["payments"], report["payments"]);

    let mail = p.outbox(EMAIL).await;
    assert_eq!(mail.len(), 2, "{mail:?}");
    let newest = &mail[0];
    assert_eq!(newest["channel"], "email");
    assert!(newest["body"].as_str().unwrap().contains(NUMBER), "{newest}");
    assert_eq!(newest["attachment"]["name"], file.as_str());
    assert!(newest["attachment"]["size"].as_u64().unwrap() > 1000, "a real XLSX: {newest}");
    assert!(newest["attachment"]["content_type"].as_str().unwrap().contains("spreadsheetml"));

    let rows = history(&p, &t).await;
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|r| r["status"] == "Success" && r["msisdn"] == NUMBER), "{rows:?}");
}

#[tokio::test]
async fn a_period_older_than_three_months_is_refused_naming_the_from_date_and_written_as_refused() {
    let p = Portal::start().await;
    let t = p.admin().await;
    let earliest = today().checked_sub_months(Months::new(3)).unwrap();
    let (status, body) = ask(&p, &t, NUMBER, earliest - Duration::days(1), today(), EMAIL).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(code(&body), "period_too_long");
    assert_eq!(body["reason"], "payments_older_than_three_months");
    assert_eq!(body["field"], "from");
    assert_eq!(body["params"]["earliest"], earliest.to_string().as_str());
    assert!(p.outbox(EMAIL).await.is_empty(), "nothing is sent");
    let rows = history(&p, &t).await;
    assert_eq!((rows.len(), rows[0]["status"].as_str()), (1, Some("Refused")));
}

#[tokio::test]
async fn a_reversed_or_future_period_and_a_bad_email_are_refused_naming_their_field() {
    let p = Portal::start().await;
    let t = p.admin().await;
    let yesterday = today() - Duration::days(1);
    let cases = [
        (today(), yesterday, EMAIL, "invalid_input", "to", Some("period_reversed")),
        (yesterday, today() + Duration::days(1), EMAIL, "invalid_input", "to", Some("period_in_future")),
        (
            today() + Duration::days(1),
            today() + Duration::days(2),
            EMAIL,
            "invalid_input",
            "from",
            Some("period_in_future"),
        ),
        (yesterday, today(), "not an address", "invalid_email", "email", None),
    ];
    for (from, to, email, expected_code, field, reason) in cases {
        let (status, body) = ask(&p, &t, NUMBER, from, to, email).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{from}..{to} {email}: {body}");
        assert_eq!((code(&body), body["field"].as_str()), (expected_code, Some(field)), "{body}");
        assert_eq!(body["reason"].as_str(), reason, "{body}");
    }
    // An unreadable date is the body's invalid_input, not a server error.
    let (status, body) = ask(&p, &t, NUMBER, "2026-02-30", today(), EMAIL).await;
    assert_eq!((status, code(&body)), (StatusCode::BAD_REQUEST, "invalid_input"), "{body}");
    assert!(p.outbox(EMAIL).await.is_empty(), "nothing is sent");
}

#[tokio::test]
async fn the_three_months_follow_the_portal_clock() {
    let p = Portal::start().await;
    let t = p.admin().await;
    let earliest = today().checked_sub_months(Months::new(3)).unwrap();
    let (status, body) = ask(&p, &t, NUMBER, earliest, earliest, EMAIL).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // Two days later on the portal's clock, the same day is older than three months.
    p.advance(2 * 24 * 3600).await;
    let t = p.admin().await;
    let (status, body) = ask(&p, &t, NUMBER, earliest, earliest, EMAIL).await;
    assert_eq!(
        (status, body["reason"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("payments_older_than_three_months"))
    );
}

#[tokio::test]
async fn a_number_of_another_company_is_not_found() {
    let p = Portal::start().await;
    let t = p.admin().await;
    let (status, body) = ask(&p, &t, "77754100000", today(), today(), EMAIL).await;
    assert_eq!((status, code(&body)), (StatusCode::NOT_FOUND, "not_found"));
    assert!(p.outbox(EMAIL).await.is_empty());
}
