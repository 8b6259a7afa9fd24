//! The client against a portal that sends broken or unexpected data: every value is checked,
//! an unknown enum value is kept as unknown, and a bad count or time is an error naming the
//! field, never a panic, a giant allocation or a silent default.
//!
//! The fake portal (`common/mod.rs`) sends exactly the JSON a real portal must never send.

mod common;

use common::{fake_portal, login_answer};
use kabinet_core::account::Account;
use kabinet_core::api::{NumberState, PaymentMethod};
use kabinet_core::cache::numbers::NumberFilter;
use kabinet_core::cache::Cache;
use kabinet_core::client::PortalClient;
use kabinet_core::secrets::Vault;
use kabinet_core::ErrorCode;
use serde_json::{json, Value};
use std::sync::Arc;
use std::time::Duration;

fn company(numbers_total: i64) -> Value {
    json!({"id": 1, "name": "ТОО", "bin": "940140000385", "display_name": "ТОО",
           "numbers_total": numbers_total, "numbers_active": 0, "numbers_blocked": 0})
}

fn number(msisdn: &str, state: &str, payment_method: &str, state_changed_at: &str) -> Value {
    json!({"msisdn": msisdn, "account": "A-1", "tariff": "Kcell", "payment_method": payment_method,
           "state": state, "state_changed_at": state_changed_at, "individual_limit": null,
           "available_funds": null, "credit_limit": 0, "balance": 0, "debt": 0,
           "updated_at": "2026-11-01T00:00:00Z"})
}

/// A portal whose companies list and numbers pages are the given answers.
async fn account_on(companies: Value, page: impl Fn(&str) -> Value + Send + Sync + 'static) -> Account {
    let url = fake_portal(Arc::new(move |method: &str, path: &str| match (method, path) {
        ("POST", "/api/v1/auth/login") => login_answer(),
        ("GET", "/api/v1/companies") => json!({ "items": companies.clone() }),
        ("GET", p) if p.starts_with("/api/v1/companies/1/numbers") => page(p),
        _ => json!({}),
    }));
    let account = Account::new(
        PortalClient::new(&url).unwrap(),
        Cache::in_memory().await.unwrap(),
        Arc::new(Vault::memory_only()),
        "fake",
    );
    account.login("77010016515", "Kabinet-2026", false).await.unwrap();
    account
}

fn one_page(items: Value) -> impl Fn(&str) -> Value + Send + Sync + 'static {
    move |_| json!({"items": items.clone(), "next_cursor": null, "server_time": "2026-11-25T10:00:00Z"})
}

#[tokio::test]
async fn negative_numbers_total_is_an_error_naming_the_field_not_a_panic() {
    let account = account_on(json!([company(-1)]), one_page(json!([]))).await;
    let err = account.companies().await.unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidResponse);
    assert!(err.message.contains("numbers_total") && err.message.contains("-1"), "{}", err.message);
    // Nothing was cached from it, and a sync goes on without the count.
    account.numbers().sync(1, false, &|_| {}).await.unwrap();

    let absurd = account_on(json!([company(i64::MAX)]), one_page(json!([]))).await;
    let err = absurd.companies().await.unwrap_err();
    assert!(err.message.contains("numbers_total"), "{}", err.message);
}

#[tokio::test]
async fn unknown_state_and_payment_method_are_kept_as_unknown_not_read_as_active() {
    let items = json!([number("77010000001", "suspended", "leasing", "2026-11-01T00:00:00Z")]);
    let account = account_on(json!([company(1)]), one_page(items)).await;
    account.companies().await.unwrap();
    account.numbers().sync(1, false, &|_| {}).await.unwrap();
    let window = account.numbers().window(1, &NumberFilter::default(), 0, 10).await.unwrap();
    let n = &window.rows[0];
    assert_eq!(n.state, NumberState::Unknown("suspended".into()));
    assert_eq!(n.payment_method, PaymentMethod::Unknown("leasing".into()));
    // Shown and sent on as the portal wrote it.
    let json = serde_json::to_value(n).unwrap();
    assert_eq!((json["state"].as_str(), json["payment_method"].as_str()), (Some("suspended"), Some("leasing")));
    // Search finds it by its raw state, and a search does not turn it into a known one.
    let filter = NumberFilter { text: "suspended".into(), ..Default::default() };
    let found = account.numbers().window(1, &filter, 0, 10).await.unwrap();
    assert_eq!(found.rows[0].state, NumberState::Unknown("suspended".into()));
    let active = NumberFilter { state: Some(NumberState::Active), ..Default::default() };
    assert_eq!(account.numbers().window(1, &active, 0, 10).await.unwrap().total, 0);
}

#[tokio::test]
async fn unreadable_time_is_an_error_naming_the_field_not_the_minimum_date() {
    let items = json!([
        number("77010000001", "active", "credit", "2026-11-01T00:00:00Z"),
        number("77010000002", "active", "credit", "yesterday"),
    ]);
    let account = account_on(json!([company(2)]), one_page(items)).await;
    let err = account.numbers().sync(1, false, &|_| {}).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidResponse);
    assert!(err.message.contains("items[1].state_changed_at"), "{}", err.message);
    assert_eq!(account.numbers().window(1, &NumberFilter::default(), 0, 10).await.unwrap().total, 0, "nothing kept");
}

#[tokio::test]
async fn invalid_msisdn_and_a_cursor_that_does_not_move_are_errors() {
    let items = json!([number("7701", "active", "credit", "2026-11-01T00:00:00Z")]);
    let account = account_on(json!([company(1)]), one_page(items)).await;
    let err = account.numbers().sync(1, false, &|_| {}).await.unwrap_err();
    assert!(err.message.contains("items[0].msisdn"), "{}", err.message);

    // Every page says "next: again": without the check the sync would never end.
    let looping = account_on(json!([company(1)]), |_: &str| {
        json!({"items": [number("77010000001", "active", "credit", "2026-11-01T00:00:00Z")],
               "next_cursor": "again", "server_time": "2026-11-25T10:00:00Z"})
    })
    .await;
    let result = tokio::time::timeout(Duration::from_secs(20), looping.numbers().sync(1, false, &|_| {})).await;
    let err = result.expect("the sync ends").unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidResponse);
    assert!(err.message.contains("next_cursor"), "{}", err.message);
}

#[tokio::test]
async fn sign_in_with_an_invalid_profile_phone_is_refused_naming_the_field() {
    let url = fake_portal(Arc::new(|_: &str, _: &str| {
        let mut answer = login_answer();
        answer["profile"]["phone"] = json!("../admin");
        answer
    }));
    let account = Account::new(
        PortalClient::new(&url).unwrap(),
        Cache::in_memory().await.unwrap(),
        Arc::new(Vault::memory_only()),
        "fake",
    );
    let err = account.login("77010016515", "Kabinet-2026", false).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidResponse);
    assert!(err.message.contains("profile.phone"), "{}", err.message);
    assert!(!account.is_signed_in());
}
