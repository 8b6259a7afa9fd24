//! Balance transfer over HTTP: every refusal with its field and reason (and nothing moved), the
//! money moved once however often one Idempotency-Key is sent (by one session or another of the
//! same administrator), the same key with another body refused, another company's numbers not
//! found, the history rows, and the sandbox's planned delay of answers.

mod common;

use common::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use sqlx::Connection;
use std::time::{Duration, Instant};

const PATH: &str = "/api/v1/companies/1/transfers";
/// Active, credit, 3 750 ₸ remaining, no debt, no individual limit: can give 3 750 ₸.
const SENDER: &str = "77012115526";
/// The manual's number: Active, 8 476,90 ₸ remaining but 13 222 ₸ debt: can give nothing.
const MANUAL: &str = "77010542007";
/// Blocked, of the demo company: may receive, may not give.
const BLOCKED: &str = "77010542006";
/// A number of company 2, also granted to the demo administrator.
const COMPANY_2: &str = "77022300000";
/// A number of company 3, not granted to the demo administrator.
const COMPANY_3: &str = "77754100000";

fn body(from: &str, to: &str, amount_tiyn: i64) -> Value {
    json!({"from": from, "to": to, "amount_tiyn": amount_tiyn})
}

async fn balance(p: &Portal, t: &str, msisdn: &str) -> i64 {
    let (status, n) = p.get(&format!("/api/v1/numbers/{msisdn}"), t).await;
    assert_eq!(status, StatusCode::OK, "{n}");
    n["summary"]["balance"].as_i64().unwrap()
}

/// The company's history rows about a number, newest first, as `"action: status"`.
async fn history(p: &Portal, t: &str, msisdn: &str) -> Vec<String> {
    let (_, body) = p.get("/api/v1/companies/1/actions", t).await;
    body["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["msisdn"] == msisdn)
        .map(|a| format!("{}: {}", a["action"].as_str().unwrap(), a["status"].as_str().unwrap()))
        .collect()
}

async fn db(p: &Portal) -> sqlx::SqliteConnection {
    let url = format!("sqlite://{}", p.data_dir().join("portal.sqlite").display());
    sqlx::SqliteConnection::connect(&url).await.unwrap()
}

fn refusal(body: &Value) -> (&str, &str, &str) {
    (code(body), body["field"].as_str().unwrap_or(""), body["reason"].as_str().unwrap_or(""))
}

#[tokio::test]
async fn a_transfer_moves_the_money_answers_both_numbers_and_is_in_the_history() {
    let p = Portal::start().await;
    let t = p.admin().await;
    let (from_before, to_before) = (balance(&p, &t, SENDER).await, balance(&p, &t, BLOCKED).await);
    let (status, done) = p.call(Method::POST, PATH, Some(&t), Some(body(SENDER, BLOCKED, 100_050))).await;
    assert_eq!(status, StatusCode::OK, "{done}");
    assert_eq!(done["amount"], 100_050);
    assert_eq!(done["from"]["msisdn"], SENDER);
    assert_eq!(done["from"]["balance"], from_before - 100_050);
    assert_eq!(done["to"]["msisdn"], BLOCKED);
    assert_eq!(done["to"]["balance"], to_before + 100_050);
    assert!(done["id"].as_i64().is_some(), "{done}");
    assert_eq!(balance(&p, &t, SENDER).await, from_before - 100_050);
    assert_eq!(balance(&p, &t, BLOCKED).await, to_before + 100_050);
    assert_eq!(history(&p, &t, SENDER).await.first().map(String::as_str), Some("Balance transfer: sent: Success"));
    assert_eq!(history(&p, &t, BLOCKED).await.first().map(String::as_str), Some("Balance transfer: received: Success"));
    // Both numbers are in an incremental sync since before the transfer.
    let since = "2020-01-01T00:00:00Z";
    let (_, page) = p.get(&format!("/api/v1/companies/1/numbers?updated_since={since}&limit=500"), &t).await;
    let page_of = |m: &str| page["items"].as_array().unwrap().iter().find(|n| n["msisdn"] == m).cloned();
    assert_eq!(page_of(SENDER).unwrap()["updated_at"], done["from"]["updated_at"]);
    assert_eq!(page_of(BLOCKED).unwrap()["updated_at"], done["to"]["updated_at"]);
}

#[tokio::test]
async fn an_individual_limit_s_available_funds_go_down_with_the_balance() {
    let p = Portal::start().await;
    let t = p.admin().await;
    let mut conn = db(&p).await;
    sqlx::query("UPDATE numbers SET individual_limit = 50000, available_funds = 20000 WHERE msisdn = ?")
        .bind(SENDER)
        .execute(&mut conn)
        .await
        .unwrap();
    let (status, over) = p.call(Method::POST, PATH, Some(&t), Some(body(SENDER, MANUAL, 20_001))).await;
    assert_eq!(
        (status, refusal(&over)),
        (StatusCode::CONFLICT, ("insufficient_funds", "amount", "transfer_exceeds_available"))
    );
    assert_eq!(over["params"]["available"], "20000");
    let (status, done) = p.call(Method::POST, PATH, Some(&t), Some(body(SENDER, MANUAL, 15_000))).await;
    assert_eq!(status, StatusCode::OK, "{done}");
    assert_eq!(done["from"]["available_funds"], 5_000);
    assert_eq!(done["from"]["individual_limit"], 50_000);
    assert_eq!(done["to"]["available_funds"], 44_600, "the recipient's funds are its limit's business");
}

#[tokio::test]
async fn every_refusal_names_its_field_and_reason_and_moves_nothing() {
    let p = Portal::start().await;
    let t = p.admin().await;
    let mut conn = db(&p).await;
    // A number whose request is in process cannot receive.
    let in_process = "77010600000";
    sqlx::query("UPDATE numbers SET state = 'in_process' WHERE msisdn = ?")
        .bind(in_process)
        .execute(&mut conn)
        .await
        .unwrap();
    let before: Vec<i64> = {
        let mut v = vec![];
        for m in [SENDER, MANUAL, BLOCKED, in_process] {
            v.push(balance(&p, &t, m).await);
        }
        v
    };
    let cases: [(Value, StatusCode, (&str, &str, &str)); 8] = [
        (body(SENDER, MANUAL, 0), StatusCode::BAD_REQUEST, ("invalid_input", "amount", "")),
        (body(SENDER, MANUAL, -100), StatusCode::BAD_REQUEST, ("invalid_input", "amount", "")),
        (body(SENDER, SENDER, 100), StatusCode::BAD_REQUEST, ("invalid_input", "recipient", "transfer_same_number")),
        (
            body(SENDER, in_process, 100),
            StatusCode::CONFLICT,
            ("not_allowed_in_state", "recipient", "transfer_recipient_state"),
        ),
        (body(BLOCKED, SENDER, 100), StatusCode::CONFLICT, ("not_allowed_in_state", "sender", "transfer_sender_state")),
        (
            body(SENDER, MANUAL, 375_001),
            StatusCode::CONFLICT,
            ("insufficient_funds", "amount", "transfer_exceeds_available"),
        ),
        (body(MANUAL, SENDER, 1), StatusCode::CONFLICT, ("insufficient_funds", "amount", "transfer_exceeds_available")),
        (body("7701", SENDER, 1), StatusCode::BAD_REQUEST, ("invalid_phone", "sender", "")),
    ];
    for (request, status, expected) in cases {
        let (got, answer) = p.call(Method::POST, PATH, Some(&t), Some(request.clone())).await;
        assert_eq!((got, refusal(&answer)), (status, expected), "{request}: {answer}");
        if expected.2 == "transfer_exceeds_available" {
            let available = if request["from"] == MANUAL { "0" } else { "375000" };
            assert_eq!(answer["params"]["available"], available, "{answer}");
        }
        if expected.2.ends_with("_state") {
            assert!(answer["params"]["state"].is_string(), "{answer}");
        }
    }
    for (m, b) in [SENDER, MANUAL, BLOCKED, in_process].into_iter().zip(before) {
        assert_eq!(balance(&p, &t, m).await, b, "{m}");
    }
    // The rule refusals are in the history ("sent" for the sender, "received" for the
    // recipient); bad input is not.
    let count = |rows: Vec<String>, row: &str| rows.iter().filter(|r| *r == row).count();
    assert_eq!(count(history(&p, &t, SENDER).await, "Balance transfer: sent: Refused"), 3);
    assert_eq!(count(history(&p, &t, SENDER).await, "Balance transfer: received: Refused"), 2);
    assert_eq!(count(history(&p, &t, in_process).await, "Balance transfer: received: Refused"), 1);
    let (_, transfers) =
        sqlx::query_as::<_, (i64, i64)>("SELECT 0, COUNT(*) FROM transfers").fetch_one(&mut conn).await.unwrap();
    assert_eq!(transfers, 0);
}

#[tokio::test]
async fn another_company_s_number_is_not_found_naming_which() {
    let p = Portal::start().await;
    let t = p.admin().await;
    for (request, field) in [
        (body(SENDER, COMPANY_2, 100), "recipient"),
        (body(COMPANY_2, SENDER, 100), "sender"),
        (body(SENDER, COMPANY_3, 100), "recipient"),
        (body(COMPANY_3, SENDER, 100), "sender"),
        (body(SENDER, "77019999999", 100), "recipient"),
    ] {
        let (status, answer) = p.call(Method::POST, PATH, Some(&t), Some(request.clone())).await;
        assert_eq!(
            (status, code(&answer), answer["field"].as_str()),
            (StatusCode::NOT_FOUND, "not_found", Some(field)),
            "{request}"
        );
    }
    // A company not granted to the administrator: not found, whatever the numbers.
    let (status, _) =
        p.call(Method::POST, "/api/v1/companies/3/transfers", Some(&t), Some(body(COMPANY_3, COMPANY_3, 1))).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // Nor may another company's administrator move company 1's money.
    let tele2 = p.token(TELE2_ADMIN, PASSWORD).await;
    let (status, _) = p.call(Method::POST, PATH, Some(&tele2), Some(body(SENDER, MANUAL, 100))).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(balance(&p, &t, SENDER).await, 375_000);
    assert!(history(&p, &t, SENDER).await.is_empty(), "nothing written");
}

#[tokio::test]
async fn one_key_sent_three_times_moves_the_money_once_and_replays_the_first_answer() {
    let p = Portal::start().await;
    let t = p.admin().await;
    let key = "transfer-intent-1";
    let request = body(SENDER, BLOCKED, 50_000);
    let mut answers = vec![];
    for _ in 0..3 {
        let (status, answer) = p.call_with_key(Method::POST, PATH, Some(&t), Some(request.clone()), key).await;
        assert_eq!(status, StatusCode::OK, "{answer}");
        answers.push(answer);
    }
    assert!(answers.iter().all(|a| *a == answers[0]), "the same answer, the same transfer id");
    assert_eq!(balance(&p, &t, SENDER).await, 375_000 - 50_000);
    assert_eq!(balance(&p, &t, BLOCKED).await, 847_690 + 50_000);
    assert_eq!(history(&p, &t, SENDER).await, ["Balance transfer: sent: Success"]);

    // The same key with another body is refused, and moves nothing.
    let (status, answer) =
        p.call_with_key(Method::POST, PATH, Some(&t), Some(body(SENDER, BLOCKED, 50_001)), key).await;
    assert_eq!((status, code(&answer)), (StatusCode::UNPROCESSABLE_ENTITY, "idempotency_key_reused"));
    assert_eq!(balance(&p, &t, SENDER).await, 375_000 - 50_000);
}

#[tokio::test]
async fn the_same_key_from_a_second_session_of_the_same_administrator_replays() {
    let p = Portal::start().await;
    let first = p.admin().await;
    let key = "transfer-intent-2";
    let request = body(SENDER, MANUAL, 10_000);
    let (status, answer) = p.call_with_key(Method::POST, PATH, Some(&first), Some(request.clone()), key).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    // Signed out (the app restarted, the session expired), then in again: a new session.
    let (status, _) = p.call(Method::POST, "/api/v1/auth/logout", Some(&first), None).await;
    assert!(status.is_success(), "{status}");
    let second = p.admin().await;
    assert_ne!(first, second);
    let (status, again) = p.call_with_key(Method::POST, PATH, Some(&second), Some(request), key).await;
    assert_eq!(status, StatusCode::OK, "{again}");
    assert_eq!(again, answer);
    assert_eq!(balance(&p, &second, SENDER).await, 375_000 - 10_000);
    // Keys are the administrator's: another administrator's same key is its own.
    let tele2 = p.token(TELE2_ADMIN, PASSWORD).await;
    let (status, _) = p.call_with_key(Method::POST, PATH, Some(&tele2), Some(body(SENDER, MANUAL, 10_000)), key).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "not a replay of the demo administrator's answer");
}

#[tokio::test]
async fn a_planned_delay_holds_the_answer_after_the_money_moved() {
    let p = Portal::start().await;
    let t = p.admin().await;
    let (status, _) = p.call(Method::POST, "/sandbox/faults", None, Some(json!({"delay_answers_ms": 1500}))).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let started = Instant::now();
    let send = tokio::spawn({
        let (http, url, t) = (p.http.clone(), p.url(PATH), t.clone());
        async move {
            let resp = http
                .post(url)
                .bearer_auth(t)
                .header("Idempotency-Key", "delayed")
                .json(&body(SENDER, MANUAL, 1_000))
                .send()
                .await
                .unwrap();
            resp.status()
        }
    });
    // The money moves long before the answer comes.
    loop {
        if balance(&p, &t, SENDER).await == 375_000 - 1_000 {
            break;
        }
        assert!(started.elapsed() < Duration::from_millis(1400), "the transfer was not done before its answer");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(!send.is_finished(), "the answer is still held");
    assert_eq!(send.await.unwrap(), StatusCode::OK);
    assert!(started.elapsed() >= Duration::from_millis(1500));
    // Reads are not held; a plan without the delay ends it.
    let (status, _) = p.call(Method::POST, "/sandbox/faults", None, Some(json!({}))).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let quick = Instant::now();
    let (status, _) = p.call(Method::POST, PATH, Some(&t), Some(body(SENDER, MANUAL, 1_000))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(quick.elapsed() < Duration::from_millis(1000));
    assert_eq!(balance(&p, &t, SENDER).await, 375_000 - 2_000);
}
