//! The company reports over HTTP: the actions history of all of the company's administrators
//! for a period of the last twelve months (`kabinet_core::rules::history_period`), with its
//! refusals on both sides of each boundary, at Kazakhstan's midnight, and 404 for another
//! company.

mod common;

use chrono::{DateTime, Duration, Months, NaiveDate, TimeZone, Utc};
use common::*;
use reqwest::{Method, StatusCode};
use serde_json::Value;
use sqlx::Connection;

const NUMBER: &str = "77010542007";

fn today(p: &Portal) -> NaiveDate {
    kabinet_core::kz::today(p.sandbox.clock().now())
}

async fn actions(p: &Portal, t: &str, company: i64, from: NaiveDate, to: NaiveDate) -> (StatusCode, Value) {
    p.get(&format!("/api/v1/companies/{company}/actions?from={from}&to={to}"), t).await
}

fn refusal(body: &Value) -> (&str, &str, &str) {
    (code(body), body["reason"].as_str().unwrap_or(""), body["field"].as_str().unwrap_or(""))
}

/// Writes an action of another administrator of company 1 (3, who has not signed in yet) at
/// `at`, straight into the sandbox's database.
async fn insert_action(p: &Portal, admin: i64, action: &str, at: DateTime<Utc>) {
    let url = format!("sqlite://{}", p.data_dir().join("portal.sqlite").display());
    let mut db = sqlx::SqliteConnection::connect(&url).await.unwrap();
    sqlx::query(
        "INSERT INTO actions (company_id, admin_id, msisdn, action, status, at) VALUES (1, ?, ?, ?, 'Success', ?)",
    )
    .bind(admin)
    .bind(NUMBER)
    .bind(action)
    .bind(at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
    .execute(&mut db)
    .await
    .unwrap();
}

#[tokio::test]
async fn the_history_lists_every_administrator_of_the_company_in_the_period_newest_first() {
    let p = Portal::start().await;
    let t = p.admin().await;
    let (status, _) = p.call(Method::POST, &format!("/api/v1/numbers/{NUMBER}/block"), Some(&t), None).await;
    assert_eq!(status, StatusCode::ACCEPTED);
    let now = p.sandbox.clock().now();
    insert_action(&p, 3, "Service delivery certificate", now - Duration::days(40)).await;
    insert_action(&p, 3, "Too old", now - Duration::days(400)).await;

    let (status, body) = actions(&p, &t, 1, today(&p) - Duration::days(60), today(&p)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let items = body["items"].as_array().unwrap();
    let names: Vec<&str> = items.iter().map(|a| a["action"].as_str().unwrap()).collect();
    assert_eq!(names, ["Number blocking", "Service delivery certificate"]);
    assert_eq!(items[0]["admin_name"], "Алия Сапарова");
    assert_eq!(items[0]["admin_phone"], ADMIN);
    assert_eq!(items[0]["msisdn"], NUMBER);
    assert_eq!(items.last().unwrap()["admin_name"], "Данияр Ахметов", "another administrator's action");
    assert!(items.windows(2).all(|w| w[0]["at"].as_str() >= w[1]["at"].as_str()), "newest first");
    assert_eq!(body["truncated"], false);

    // A period that ends before: only the older one.
    let (_, body) = actions(&p, &t, 1, today(&p) - Duration::days(60), today(&p) - Duration::days(1)).await;
    assert_eq!(body["items"].as_array().unwrap().len(), 1, "{body}");
    // With no dates: the whole twelve months, the 400-day-old one not in them.
    let (_, body) = p.get("/api/v1/companies/1/actions", &t).await;
    assert!(body["items"].as_array().unwrap().iter().all(|a| a["action"] != "Too old"), "{body}");
}

#[tokio::test]
async fn the_period_is_refused_on_the_far_side_of_each_boundary_naming_the_date() {
    let p = Portal::start().await;
    let t = p.admin().await;
    let today = today(&p);
    let earliest = today.checked_sub_months(Months::new(12)).unwrap();
    assert_eq!(actions(&p, &t, 1, earliest, today).await.0, StatusCode::OK);
    let (status, body) = actions(&p, &t, 1, earliest.pred_opt().unwrap(), today).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refusal(&body), ("period_too_long", "period_older_than_twelve_months", "from"));
    assert_eq!(body["params"]["earliest"], earliest.to_string());
    let (status, body) = actions(&p, &t, 1, today, today.succ_opt().unwrap()).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(refusal(&body), ("invalid_input", "period_in_future", "to"));
    let (_, body) = actions(&p, &t, 1, today, today.pred_opt().unwrap()).await;
    assert_eq!(refusal(&body), ("invalid_input", "period_reversed", "to"));
    let (status, body) = p.get("/api/v1/companies/1/actions?from=yesterday", &t).await;
    assert_eq!((status, code(&body)), (StatusCode::BAD_REQUEST, "invalid_input"), "{body}");
}

#[tokio::test]
async fn the_days_change_at_midnight_in_kazakhstan() {
    let p = Portal::start().await;
    // Move the clock to a minute before the next midnight in Almaty, sign in (a session idle
    // that long would have ended), then to five seconds before it.
    let now = p.sandbox.clock().now();
    let next_midnight = kabinet_core::kz::offset()
        .from_local_datetime(&(kabinet_core::kz::today(now) + Duration::days(1)).and_hms_opt(0, 0, 0).unwrap())
        .unwrap()
        .with_timezone(&Utc);
    p.advance((next_midnight - now).num_seconds() - 60).await;
    let t = p.admin().await;
    p.advance(55).await;
    let before = today(&p);
    let tomorrow = before.succ_opt().unwrap();
    let earliest = before.checked_sub_months(Months::new(12)).unwrap();
    assert_eq!(refusal(&actions(&p, &t, 1, before, tomorrow).await.1).1, "period_in_future");
    assert_eq!(actions(&p, &t, 1, earliest, before).await.0, StatusCode::OK);

    p.advance(6).await;
    assert_eq!(today(&p), tomorrow, "it is the next day in Almaty");
    assert_eq!(actions(&p, &t, 1, before, tomorrow).await.0, StatusCode::OK, "tomorrow is today now");
    let (status, body) = actions(&p, &t, 1, earliest, before).await;
    assert_eq!((status, refusal(&body).1), (StatusCode::UNPROCESSABLE_ENTITY, "period_older_than_twelve_months"));
}

#[tokio::test]
async fn another_company_s_history_is_not_found() {
    let p = Portal::start().await;
    let t = p.admin().await;
    let today = today(&p);
    let (status, body) = actions(&p, &t, 3, today, today).await;
    assert_eq!((status, code(&body)), (StatusCode::NOT_FOUND, "not_found"));
    let (status, _) = actions(&p, &t, 999, today, today).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // Even a refused period answers 404 first for another company.
    let (status, _) = actions(&p, &t, 3, today, today.succ_opt().unwrap()).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
