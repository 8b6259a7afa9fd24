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

/// Each row carries the kind it was made from (and its detail, and whether it completes a
/// request) beside the manual's text, which stays as it was; the client reads it as the wire type.
#[tokio::test]
async fn each_history_row_reads_back_with_its_kind() {
    use kabinet_protocol::action::ActionKind;
    use kabinet_protocol::api::ActionList;
    let p = Portal::start().await;
    let t = p.admin().await;
    let number = |rest: &str| format!("/api/v1/numbers/{MANUAL}/{rest}");
    for (method, path) in [
        (Method::POST, number("services/landline-10")),
        (Method::DELETE, number("services/landline-10")),
        (Method::DELETE, number("bans/mykcell")),
        (Method::PUT, number("bans/mykcell")),
        (Method::POST, number("secret-code")),
        (Method::GET, number("sim-secrets")),
        (Method::POST, number("block")),
    ] {
        let (status, body) = p.call(method, &path, Some(&t), None).await;
        assert!(status.is_success(), "{path}: {status} {body}");
    }
    p.advance(10).await;

    let (_, history) = p.get("/api/v1/companies/1/actions", &t).await;
    let list: ActionList = serde_json::from_value(history).unwrap();
    let mut rows: Vec<_> = list
        .items
        .iter()
        .filter(|r| r.msisdn.as_deref() == Some(MANUAL))
        .map(|r| (r.action.as_str(), r.kind, r.completed, r.detail.as_deref()))
        .collect();
    rows.reverse();
    let name = rows[0].3.unwrap_or_default().to_string();
    let enabled = format!("Service enabled: {name}");
    let disabled = format!("Service disabled: {name}");
    // A ban's row keeps the ban's wire name as its detail; its text names it as the manual does.
    let ban = "mykcell".to_string();
    let (set, removed) = ("Ban on MyKcell access: set".to_string(), "Ban on MyKcell access: removed".to_string());
    assert_eq!(
        rows,
        vec![
            (enabled.as_str(), Some(ActionKind::ServiceEnable), false, Some(name.as_str())),
            (disabled.as_str(), Some(ActionKind::ServiceDisable), false, Some(name.as_str())),
            (removed.as_str(), Some(ActionKind::BanRemove), false, Some(ban.as_str())),
            (set.as_str(), Some(ActionKind::BanSet), false, Some(ban.as_str())),
            ("Secret code sent", Some(ActionKind::SecretCodeSend), false, None),
            ("PIN/PUK codes viewed", Some(ActionKind::SimCodesView), false, None),
            ("Number blocking", Some(ActionKind::Block), false, None),
            ("Number blocked", Some(ActionKind::Block), true, None),
        ]
    );
    assert!(!name.is_empty(), "the rows name the service");

    // A row written before the kinds (or by a portal that sends none) still reads, by its text.
    let row = r#"{"at":"2026-01-05T10:00:00Z","action":"Number blocking","msisdn":null,"status":"Success","admin_name":"A","admin_phone":"7"}"#;
    let old: kabinet_protocol::api::ActionRecord = serde_json::from_str(row).unwrap();
    assert_eq!((old.kind, old.completed, old.detail), (None, false, None));
}
