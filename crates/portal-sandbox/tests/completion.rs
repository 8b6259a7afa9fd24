//! Requests complete by time, not when something happens to read their number: the actions
//! history shows "Number blocked" once the block is due, whatever was read before, and a
//! request completes in the background with nobody asking (`jobs.rs`).

mod common;

use common::*;
use reqwest::{Method, StatusCode};

/// Active, of the demo company.
const ACTIVE: &str = "77012115526";

async fn company(p: &Portal, t: &str) -> i64 {
    p.get("/api/v1/companies", t).await.1["items"][0]["id"].as_i64().unwrap()
}

/// The state of the number's newest block request, read from the portal's own database (a read
/// over the API would complete it).
async fn block_state(p: &Portal) -> String {
    let url = format!("sqlite://{}?mode=ro", p.data_dir().join("portal.sqlite").display());
    let mut db = <sqlx::SqliteConnection as sqlx::Connection>::connect(&url).await.unwrap();
    sqlx::query_scalar("SELECT state FROM requests WHERE msisdn = ? AND kind = 'block' ORDER BY created_at DESC")
        .bind(ACTIVE)
        .fetch_one(&mut db)
        .await
        .unwrap()
}

#[tokio::test]
async fn the_actions_history_shows_a_due_block_without_the_number_being_read() {
    let p = Portal::start().await;
    let t = p.admin().await;
    let company = company(&p, &t).await;
    let (status, _) = p.call(Method::POST, &format!("/api/v1/numbers/{ACTIVE}/block"), Some(&t), None).await;
    assert_eq!(status, StatusCode::ACCEPTED);
    p.advance(10).await;

    let (status, history) = p.get(&format!("/api/v1/companies/{company}/actions"), &t).await;
    assert_eq!(status, StatusCode::OK, "{history}");
    let blocked = history["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|row| row["action"] == "Number blocked" && row["msisdn"] == ACTIVE);
    assert!(blocked, "the history shows the completed block: {history}");
}

#[tokio::test]
async fn a_due_request_completes_in_the_background_with_nobody_asking() {
    let p = Portal::start_with(|c| c.rules.slow_operation = chrono::Duration::milliseconds(200)).await;
    let t = p.admin().await;
    let (status, _) = p.call(Method::POST, &format!("/api/v1/numbers/{ACTIVE}/block"), Some(&t), None).await;
    assert_eq!(status, StatusCode::ACCEPTED);
    assert_eq!(block_state(&p).await, "in_process");
    let started = std::time::Instant::now();
    while block_state(&p).await != "done" {
        assert!(started.elapsed() < std::time::Duration::from_secs(5), "the block did not complete by itself");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}
