//! A portal that dies between a change and its answer: the change committed, the client heard
//! nothing, and it retries with the same Idempotency-Key. The retry must replay the committed
//! answer and never act a second time, for every family of changing routes (transfer, block,
//! service, ban, forwarding, SIM, IMEI, secret code; a bulk run sends these same requests, see
//! `kabinet-core/tests/bulk.rs`). Here the request's task dies after its commit
//! (`crash_after_change: task`); `crash_process.rs` kills a real sandbox process.

mod common;

use common::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// Active, credit, 3 750 ₸ remaining, no debt.
const ACTIVE: &str = "77012115526";
/// The manual's number: Active.
const MANUAL: &str = "77010542007";
const SERVICE: &str = "landline-10";
/// A valid ICCID (Luhn) that no number has.
const NEW_ICCID: &str = "89997020000000000007";
/// A device seen with the active number and registered nowhere.
const FREE_IMEI: &str = "35600054894561";

struct Case {
    family: &'static str,
    method: Method,
    path: String,
    body: Option<Value>,
    status: StatusCode,
}

fn cases(company: i64) -> Vec<Case> {
    let n = |path: &str| format!("/api/v1/numbers/{ACTIVE}/{path}");
    let case = |family, method, path, body, status| Case { family, method, path, body, status };
    vec![
        case(
            "transfer",
            Method::POST,
            format!("/api/v1/companies/{company}/transfers"),
            Some(json!({"from": ACTIVE, "to": MANUAL, "amount_tiyn": 1_000})),
            StatusCode::OK,
        ),
        case("block", Method::POST, n("block"), None, StatusCode::ACCEPTED),
        case("service", Method::POST, n(&format!("services/{SERVICE}")), None, StatusCode::OK),
        case("ban", Method::PUT, n("bans/mykcell"), None, StatusCode::OK),
        case("forwarding", Method::PUT, n("forwarding/busy"), Some(json!({"target": MANUAL})), StatusCode::OK),
        case("sim", Method::POST, n("sim-replacement"), Some(json!({"iccid": NEW_ICCID})), StatusCode::ACCEPTED),
        case("imei", Method::POST, n("devices"), Some(json!({"imei": FREE_IMEI})), StatusCode::ACCEPTED),
        case("secret code", Method::POST, n("secret-code"), None, StatusCode::OK),
    ]
}

/// What a change leaves behind: the history rows, the requests, and the sum of balances.
async fn effects(p: &Portal) -> (i64, i64, i64) {
    let url = format!("sqlite://{}?mode=ro", p.data_dir().join("portal.sqlite").display());
    let db = sqlx::SqlitePool::connect(&url).await.unwrap();
    let history: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM actions").fetch_one(&db).await.unwrap();
    let requests: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM requests").fetch_one(&db).await.unwrap();
    let balances: i64 =
        sqlx::query_scalar("SELECT COALESCE(SUM(balance), 0) FROM numbers").fetch_one(&db).await.unwrap();
    db.close().await;
    (history, requests, balances)
}

async fn send(p: &Portal, token: &str, case: &Case, key: &str) -> reqwest::Result<(StatusCode, bool, String)> {
    let mut req =
        p.http.request(case.method.clone(), p.url(&case.path)).bearer_auth(token).header("Idempotency-Key", key);
    if let Some(body) = &case.body {
        req = req.json(body);
    }
    let resp = req.send().await?;
    let replayed = resp.headers().get("idempotent-replayed").is_some();
    Ok((resp.status(), replayed, resp.text().await?))
}

#[tokio::test]
async fn a_change_that_dies_before_its_answer_is_replayed_to_the_retry_and_done_once() {
    for case in cases(0) {
        let p = Portal::start().await;
        let t = p.admin().await;
        let (_, companies) = p.get("/api/v1/companies", &t).await;
        let company = companies["items"][0]["id"].as_i64().expect("the demo company");
        let case = cases(company).into_iter().find(|c| c.family == case.family).unwrap();
        let key = format!("crash-{}", case.family);
        let before = effects(&p).await;

        let (status, _) =
            p.call(Method::POST, "/sandbox/faults", None, Some(json!({"crash_after_change": "task"}))).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        let lost = send(&p, &t, &case, &key).await;
        assert!(lost.is_err(), "{}: the answer should have been lost, got {lost:?}", case.family);
        let done = effects(&p).await;
        assert_ne!(done, before, "{}: the change committed before the crash", case.family);

        for attempt in 1..=2 {
            let (status, replayed, body) = send(&p, &t, &case, &key).await.unwrap();
            assert_eq!(status, case.status, "{} retry {attempt}: {body}", case.family);
            assert!(replayed, "{} retry {attempt}: the committed answer is replayed", case.family);
            assert_eq!(effects(&p).await, done, "{} retry {attempt}: nothing done again", case.family);
        }
    }
}

#[tokio::test]
async fn a_refusal_that_dies_before_its_answer_is_replayed_with_its_history_row() {
    let p = Portal::start().await;
    let t = p.admin().await;
    // The manual's number has a debt: it can give nothing, and the refusal is a history row.
    let (_, companies) = p.get("/api/v1/companies", &t).await;
    let company = companies["items"][0]["id"].as_i64().unwrap();
    let case = Case {
        family: "refused transfer",
        method: Method::POST,
        path: format!("/api/v1/companies/{company}/transfers"),
        body: Some(json!({"from": MANUAL, "to": ACTIVE, "amount_tiyn": 100})),
        status: StatusCode::CONFLICT,
    };
    let (status, _) = p.call(Method::POST, "/sandbox/faults", None, Some(json!({"crash_after_change": "task"}))).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert!(send(&p, &t, &case, "refused").await.is_err());
    let refused = effects(&p).await;
    let (status, replayed, body) = send(&p, &t, &case, "refused").await.unwrap();
    assert_eq!((status, replayed), (case.status, true), "{body}");
    assert_eq!(code(&serde_json::from_str(&body).unwrap()), "insufficient_funds");
    assert_eq!(effects(&p).await, refused, "the refusal's history row is not written twice");
}
