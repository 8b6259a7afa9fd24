//! The company's e-mailed reports over HTTP, through the list of numbers report: accepted as a
//! request "In process", the file refused until it is ready, then made, kept, e-mailed with the
//! file attached and downloadable by the company's administrators only; the shared rule refuses
//! what it refuses with the history row, and a malformed request leaves none.

mod common;

use chrono::{Months, Utc};
use common::*;
use kabinet_documents::inspect::Inspected;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

const EMAIL: &str = "buh@kabinet.kz";

async fn ask(p: &Portal, t: &str, company: i64, body: Value) -> (StatusCode, Value) {
    p.call(Method::POST, &format!("/api/v1/companies/{company}/reports"), Some(t), Some(body)).await
}

async fn history(p: &Portal, t: &str, action: &str) -> Vec<Value> {
    let (_, body) = p.get("/api/v1/companies/1/actions", t).await;
    body["items"].as_array().unwrap().iter().filter(|a| a["action"] == action).cloned().collect()
}

#[tokio::test]
async fn a_list_of_numbers_report_is_prepared_then_e_mailed_and_downloadable_by_its_company_only() {
    let p = Portal::start().await;
    let t = p.admin().await;
    let (status, record) = ask(&p, &t, 1, json!({"kind": "numbers", "email": EMAIL})).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{record}");
    assert_eq!((record["kind"].as_str(), record["state"].as_str()), (Some("report"), Some("in_process")));
    assert!(record["msisdn"].is_null(), "a company's report is about no number: {record}");
    let id = record["id"].as_str().unwrap();
    let file = format!("/api/v1/companies/1/reports/{id}/file");

    let (status, _, _, bytes) = p.download(&file, &t).await;
    assert_eq!(status, StatusCode::CONFLICT);
    let early: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(early["reason"], "request_in_process");
    assert!(p.outbox(EMAIL).await.is_empty(), "nothing is sent before it is ready");

    p.advance(5).await;
    let (_, done) = p.get(&format!("/api/v1/requests/{id}"), &t).await;
    assert_eq!((done["state"].as_str(), done["result"].as_str()), (Some("done"), Some("report_ready")), "{done}");
    let (status, content_type, disposition, bytes) = p.download(&file, &t).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(content_type, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    assert!(disposition.contains("filename*=UTF-8''numbers_150340001236_"), "{disposition}");

    let sheet = Inspected::read(&bytes);
    assert_eq!(sheet.text(0, 0), "Отчёт по списку номеров");
    assert!(sheet.text(1, 0).contains("ТОО Кабинет"), "{}", sheet.text(1, 0));
    let header = (0..8).map(|c| sheet.text(sheet.frozen_rows().unwrap() - 1, c)).collect::<Vec<_>>();
    assert_eq!(header[0], "Мобильный номер");
    assert_eq!(header[7], "Текущий статус");
    let (_, company) = p.get("/api/v1/companies/1", &t).await;
    let first = sheet.frozen_rows().unwrap();
    assert_eq!(i64::from(sheet.last_row() - first + 1), company["numbers_total"].as_i64().unwrap());
    assert_eq!(sheet.number_format(first, 3), kabinet_documents::MONEY_FORMAT);

    let mail = p.outbox(EMAIL).await;
    assert_eq!(mail.len(), 1, "{mail:?}");
    assert_eq!(mail[0]["attachment"]["size"].as_u64().unwrap(), bytes.len() as u64);
    // Each half names the report in its own language.
    let (russian, english) = mail[0]["body"].as_str().unwrap().split_once(" / ").unwrap();
    assert!(russian.starts_with("«Отчёт по списку номеров» по компании ТОО Кабинет"), "{russian}");
    assert!(english.starts_with("The List of numbers report of ТОО Кабинет"), "{english}");
    assert_eq!(history(&p, &t, "List of numbers report").await[0]["status"], "Success");

    // Another administrator's companies do not see it, nor can anyone ask for a company not theirs.
    let tele2 = p.token(TELE2_ADMIN, PASSWORD).await;
    assert_eq!(p.download(&file, &tele2).await.0, StatusCode::NOT_FOUND);
    assert_eq!(p.download(&format!("/api/v1/companies/3/reports/{id}/file"), &tele2).await.0, StatusCode::NOT_FOUND);
    assert_eq!(p.download(&format!("/api/v1/companies/2/reports/{id}/file"), &t).await.0, StatusCode::NOT_FOUND);
    let (status, _) = ask(&p, &t, 3, json!({"kind": "numbers", "email": EMAIL})).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_shared_rule_refuses_with_its_reason_and_a_malformed_request_leaves_no_row() {
    let p = Portal::start().await;
    let t = p.admin().await;
    let (status, e) = ask(&p, &t, 1, json!({"kind": "numbers", "email": "buh@"})).await;
    assert_eq!((status, e["field"].as_str()), (StatusCode::BAD_REQUEST, Some("email")), "{e}");
    assert!(history(&p, &t, "List of numbers report").await.is_empty());

    // This month is not over: its reconciliation is refused, and the refusal is in the history.
    let today = kabinet_protocol::kz::today(Utc::now());
    let body = json!({"kind": "reconciliation", "email": EMAIL, "from": today.to_string(), "to": today.to_string()});
    let (status, e) = ask(&p, &t, 1, body).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
    assert_eq!((e["reason"].as_str(), e["field"].as_str()), (Some("month_not_over"), Some("to")));
    assert_eq!(history(&p, &t, "Reconciliation statement").await[0]["status"], "Refused");

    let old = today.checked_sub_months(Months::new(4)).unwrap();
    let body = json!({"kind": "payments", "email": EMAIL, "from": old.to_string(), "to": today.to_string(), "payment_method": "credit"});
    let (status, e) = ask(&p, &t, 1, body).await;
    assert_eq!(
        (status, e["reason"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("payments_older_than_three_months"))
    );
}
