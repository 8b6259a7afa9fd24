//! The actions history is written in the transaction of the change it records: when the
//! history cannot be written, the change does not happen either, and a change that happened
//! always has its row. The failure is injected with a trigger in the sandbox's database.

mod common;

use common::*;
use reqwest::{Method, StatusCode};
use serde_json::Value;
use sqlx::Connection;

const MANUAL: &str = "77010542007";

async fn db(p: &Portal) -> sqlx::SqliteConnection {
    let url = format!("sqlite://{}", p.data_dir().join("portal.sqlite").display());
    sqlx::SqliteConnection::connect(&url).await.unwrap()
}

async fn count(p: &Portal, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&mut db(p).await).await.unwrap()
}

async fn history_fails(p: &Portal, on: bool) {
    let sql = if on {
        "CREATE TRIGGER history_fails BEFORE INSERT ON actions BEGIN SELECT RAISE(ABORT, 'injected'); END"
    } else {
        "DROP TRIGGER history_fails"
    };
    sqlx::query(sql).execute(&mut db(p).await).await.unwrap();
}

async fn summary(p: &Portal, t: &str) -> Value {
    p.get(&format!("/api/v1/numbers/{MANUAL}"), t).await.1["summary"].clone()
}

#[tokio::test]
async fn a_change_whose_history_row_fails_does_not_happen() {
    let p = Portal::start().await;
    let t = p.admin().await;
    let before = summary(&p, &t).await;
    let services = format!("/api/v1/numbers/{MANUAL}/services/landline-10");
    history_fails(&p, true).await;

    let (status, body) = p.call(Method::POST, &services, Some(&t), None).await;
    assert_eq!((status, code(&body)), (StatusCode::SERVICE_UNAVAILABLE, "internal"), "{body}");
    let (status, body) = p.call(Method::POST, &format!("/api/v1/numbers/{MANUAL}/block"), Some(&t), None).await;
    assert_eq!((status, code(&body)), (StatusCode::SERVICE_UNAVAILABLE, "internal"), "{body}");

    assert_eq!(summary(&p, &t).await, before, "neither the charge nor the block happened");
    let enabled = count(&p, "SELECT COUNT(*) FROM number_services WHERE service_id = 'landline-10'").await;
    assert_eq!(enabled, 0, "the service was not enabled");
    assert_eq!(count(&p, "SELECT COUNT(*) FROM requests WHERE kind = 'block'").await, 0, "no block request");

    // The same changes with the history working: each has its row.
    history_fails(&p, false).await;
    let rows_before = count(&p, "SELECT COUNT(*) FROM actions").await;
    let (status, _) = p.call(Method::POST, &services, Some(&t), None).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = p.call(Method::DELETE, &services, Some(&t), None).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = p.call(Method::POST, &format!("/api/v1/numbers/{MANUAL}/block"), Some(&t), None).await;
    assert_eq!(status, StatusCode::ACCEPTED);
    assert_eq!(count(&p, "SELECT COUNT(*) FROM actions").await, rows_before + 3);
}
