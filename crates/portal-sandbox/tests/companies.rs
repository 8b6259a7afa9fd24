//! "My Companies": the number counts each company shows are kept with the numbers, so they are
//! right after the seed and after every change of a number's state.

mod common;

use common::*;
use reqwest::{Method, StatusCode};

/// `(total, active, blocked)` as `GET /companies` shows them.
async fn shown(p: &Portal, t: &str, company: i64) -> (i64, i64, i64) {
    let (status, list) = p.get("/api/v1/companies", t).await;
    assert_eq!(status, StatusCode::OK, "{list}");
    let c = list["items"].as_array().unwrap().iter().find(|c| c["id"] == company).expect("granted").clone();
    let (status, one) = p.get(&format!("/api/v1/companies/{company}"), t).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(one, c, "one company and the list agree");
    let n = |k: &str| c[k].as_i64().unwrap();
    (n("numbers_total"), n("numbers_active"), n("numbers_blocked"))
}

/// The same figures counted from the company's numbers list.
async fn counted(p: &Portal, t: &str, company: i64) -> (i64, i64, i64) {
    let (status, page) = p.get(&format!("/api/v1/companies/{company}/numbers?limit=5000"), t).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page["next_cursor"].is_null(), "one page holds the demo company");
    let items = page["items"].as_array().unwrap();
    let with = |states: &[&str]| items.iter().filter(|n| states.contains(&n["state"].as_str().unwrap())).count() as i64;
    (items.len() as i64, with(&["active"]), with(&["blocked", "blocked_debt"]))
}

#[tokio::test]
async fn company_counts_follow_the_numbers_after_the_seed_and_a_completed_block() {
    let p = Portal::start().await;
    let t = p.admin().await;
    for company in [1, 2] {
        assert_eq!(shown(&p, &t, company).await, counted(&p, &t, company).await, "company {company}");
    }
    let (total, active, blocked) = shown(&p, &t, 1).await;

    let (status, _) = p.call(Method::POST, "/api/v1/numbers/77010542007/block", Some(&t), None).await;
    assert_eq!(status, StatusCode::ACCEPTED);
    assert_eq!(shown(&p, &t, 1).await, (total, active - 1, blocked), "in process: neither active nor blocked");

    // The block completes; the companies list is the first thing read afterwards.
    p.advance(5).await;
    assert_eq!(shown(&p, &t, 1).await, (total, active - 1, blocked + 1));
    assert_eq!(shown(&p, &t, 1).await, counted(&p, &t, 1).await);
}
