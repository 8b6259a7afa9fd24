//! Numbers, services, balances and usage, over real HTTP.

mod common;

use common::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

const MANUAL: &str = "77010542007";

async fn number(p: &Portal, token: &str, msisdn: &str) -> Value {
    let (status, body) = p.get(&format!("/api/v1/numbers/{msisdn}"), token).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

#[tokio::test]
async fn numbers_list_pages_with_a_cursor_and_filters_by_update_time() {
    let p = Portal::start().await;
    let t = p.admin().await;
    let (_, first) = p.get("/api/v1/companies/1/numbers?limit=10", &t).await;
    assert_eq!(first["items"].as_array().unwrap().len(), 10);
    let mut items: Vec<Value> = first["items"].as_array().unwrap().clone();
    let mut cursor = first["next_cursor"].as_str().map(str::to_string);
    let server_time = first["server_time"].as_str().unwrap().to_string();
    while let Some(c) = cursor {
        let (_, page) = p.get(&format!("/api/v1/companies/1/numbers?limit=10&cursor={}", urlencode(&c)), &t).await;
        assert_eq!(page["server_time"].as_str().unwrap(), server_time);
        items.extend(page["items"].as_array().unwrap().iter().cloned());
        cursor = page["next_cursor"].as_str().map(str::to_string);
    }
    let all: Vec<String> = items.iter().map(|n| n["msisdn"].as_str().unwrap().to_string()).collect();
    let mut sorted = all.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(all, sorted, "every number once, in order");
    assert!(all.contains(&MANUAL.to_string()));
    let (_, company) = p.get("/api/v1/companies/1", &t).await;
    assert_eq!(all.len() as i64, company["numbers_total"].as_i64().unwrap());
    let count =
        |states: &[&str]| items.iter().filter(|n| states.contains(&n["state"].as_str().unwrap())).count() as i64;
    assert_eq!(company["numbers_active"].as_i64().unwrap(), count(&["active"]));
    assert_eq!(company["numbers_blocked"].as_i64().unwrap(), count(&["blocked", "blocked_debt"]));
    assert!(count(&["blocked_debt"]) > 0 && count(&["blocked"]) > 0, "the demo has both kinds of blocked numbers");

    // Nothing changed since: an empty page.
    let since = urlencode(&server_time);
    let (_, none) = p.get(&format!("/api/v1/companies/1/numbers?updated_since={since}"), &t).await;
    assert_eq!(none["items"].as_array().unwrap().len(), 0);
    // A service change touches the number.
    p.call(Method::POST, &format!("/api/v1/numbers/{MANUAL}/services/landline-10"), Some(&t), None).await;
    let (_, changed) = p.get(&format!("/api/v1/companies/1/numbers?updated_since={since}"), &t).await;
    let items = changed["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["msisdn"], MANUAL);

    let (status, body) = p.get("/api/v1/companies/1/numbers?limit=0", &t).await;
    assert_eq!((status, code(&body)), (StatusCode::BAD_REQUEST, "invalid_input"));
    let (status, _) = p.get("/api/v1/companies/3/numbers", &t).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

fn urlencode(s: &str) -> String {
    s.replace('+', "%2B").replace(':', "%3A").replace('|', "%7C")
}

#[tokio::test]
async fn number_profile_has_the_manuals_figures_and_hides_pins() {
    let p = Portal::start().await;
    let t = p.admin().await;
    let n = number(&p, &t, MANUAL).await;
    assert_eq!(n["summary"]["state"], "active");
    assert_eq!(n["summary"]["state_changed_at"], "2020-02-18T10:03:00Z");
    assert_eq!(n["summary"]["tariff"], "Business Class Junior");
    assert_eq!(n["summary"]["individual_limit"], 44_600);
    assert_eq!(n["summary"]["credit_limit"], 1_200_000);
    assert_eq!(n["summary"]["balance"], 847_690);
    assert_eq!(n["summary"]["debt"], 1_322_200);
    assert_eq!(n["general"]["registration_form"], "300014697190-131");
    assert_eq!(n["general"]["ban_sms_ussd"], true);
    assert_eq!(n["sim"]["iccid"], "89997027508016848485");
    assert_eq!(n["sim"]["imei"], "35367807651154");
    assert!(n.to_string().find("pin").is_none(), "no PIN in the profile");

    let (_, secrets) = p.get(&format!("/api/v1/numbers/{MANUAL}/sim-secrets"), &t).await;
    assert_eq!((secrets["pin1"].as_str(), secrets["puk2"].as_str()), (Some("0000"), Some("55752910")));
    let (_, history) = p.get("/api/v1/companies/1/actions", &t).await;
    assert_eq!(history["items"][0]["action"], "PIN/PUK codes viewed");

    let (status, _) = p.get("/api/v1/numbers/77754100000", &t).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "a number of another administrator's company");
}

#[tokio::test]
async fn allowances_come_from_the_tariff_and_enabled_services() {
    let p = Portal::start().await;
    let t = p.admin().await;
    let (_, a) = p.get(&format!("/api/v1/numbers/{MANUAL}/allowances"), &t).await;
    let tariff = a["tariff"].as_array().unwrap();
    assert_eq!(tariff[0]["name"], "Calls within Kcell/activ network");
    assert_eq!(tariff[0]["unlimited"], true);
    assert_eq!(tariff[1]["total"], 100);
    let additional = a["additional"].as_array().unwrap();
    assert_eq!(additional.len(), 1, "offnet-50 brings minutes");
    assert_eq!(additional[0]["total"], 3_000);
    assert!(additional[0]["available"].as_i64().unwrap() <= 3_000);
}

#[tokio::test]
async fn enabling_a_service_charges_the_balance_and_moves_it_to_activated() {
    let p = Portal::start().await;
    let t = p.admin().await;
    let before = number(&p, &t, MANUAL).await["summary"].clone();
    let path = format!("/api/v1/numbers/{MANUAL}/services/landline-10");
    let (status, change) = p.call(Method::POST, &path, Some(&t), None).await;
    assert_eq!(status, StatusCode::OK, "{change}");
    assert_eq!(change["number"]["balance"].as_i64().unwrap(), before["balance"].as_i64().unwrap() - 14_900);
    assert_eq!(before["available_funds"], 44_600);
    assert_eq!(change["number"]["available_funds"], 44_600 - 14_900, "the individual limit is charged too");
    let activated: Vec<&str> = change["services"]["activated"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["service"]["id"].as_str().unwrap())
        .collect();
    assert!(activated.contains(&"landline-10"));
    assert!(!change["services"]["available"].as_array().unwrap().iter().any(|s| s["id"] == "landline-10"));

    // Not twice.
    let (status, body) = p.call(Method::POST, &path, Some(&t), None).await;
    assert_eq!((status, code(&body)), (StatusCode::CONFLICT, "already_enabled"));

    // Disabling moves it back, without a refund.
    let (status, off) = p.call(Method::DELETE, &path, Some(&t), None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(off["number"]["balance"], change["number"]["balance"]);
    assert!(off["services"]["available"].as_array().unwrap().iter().any(|s| s["id"] == "landline-10"));
    let (status, body) = p.call(Method::DELETE, &path, Some(&t), None).await;
    assert_eq!((status, code(&body)), (StatusCode::NOT_FOUND, "not_found"));

    let (_, history) = p.get("/api/v1/companies/1/actions", &t).await;
    let actions: Vec<(&str, &str)> = history["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["action"].as_str().unwrap(), a["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        &actions[..3],
        [
            ("Service disabled: 10 min to domestic landline calls", "Success"),
            ("Service enabled: 10 min to domestic landline calls", "Refused"),
            ("Service enabled: 10 min to domestic landline calls", "Success"),
        ]
    );
    assert_eq!(history["items"][0]["admin_phone"], ADMIN);
}

#[tokio::test]
async fn nothing_can_be_enabled_on_a_blocked_number() {
    let p = Portal::start().await;
    let t = p.admin().await;
    let (status, body) = p.call(Method::POST, "/api/v1/numbers/77010542006/services/landline-10", Some(&t), None).await;
    assert_eq!((status, code(&body)), (StatusCode::CONFLICT, "not_allowed_in_state"));
}

#[tokio::test]
async fn a_service_is_refused_when_funds_are_short() {
    let p = Portal::start().await;
    let t = p.admin().await;
    // The manual's number has an individual limit of 446 ₸: a 950 ₸ pack does not fit.
    let before = number(&p, &t, MANUAL).await["summary"].clone();
    let (status, body) =
        p.call(Method::POST, &format!("/api/v1/numbers/{MANUAL}/services/atlas-pro"), Some(&t), None).await;
    assert_eq!((status, code(&body)), (StatusCode::CONFLICT, "insufficient_funds"));
    assert_eq!(number(&p, &t, MANUAL).await["summary"], before, "nothing charged");
    let (status, _) = p.call(Method::POST, &format!("/api/v1/numbers/{MANUAL}/services/no-such"), Some(&t), None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_retried_enable_with_the_same_key_charges_once() {
    let p = Portal::start().await;
    let t = p.admin().await;
    let path = format!("/api/v1/numbers/{MANUAL}/services/landline-10");
    let (s1, first) = p.call_with_key(Method::POST, &path, Some(&t), None, "enable-once").await;
    let (s2, again) = p.call_with_key(Method::POST, &path, Some(&t), None, "enable-once").await;
    assert_eq!((s1, s2), (StatusCode::OK, StatusCode::OK));
    assert_eq!(first, again);
    assert_eq!(number(&p, &t, MANUAL).await["summary"]["balance"], first["number"]["balance"]);
}

#[tokio::test]
async fn usage_report_is_deterministic_filtered_and_limited() {
    let p = Portal::start().await;
    let t = p.admin().await;
    let q =
        |from: &str, to: &str, kind: &str| format!("/api/v1/numbers/{MANUAL}/usage?from={from}&to={to}&kind={kind}");
    let (status, all) = p.get(&q("2026-10-01", "2026-10-31", "all"), &t).await;
    assert_eq!(status, StatusCode::OK, "{all}");
    let records = all["records"].as_array().unwrap();
    assert!(records.len() > 31, "a few records a day");
    let (_, again) = p.get(&q("2026-10-01", "2026-10-31", "all"), &t).await;
    assert_eq!(all, again);
    let (_, calls) = p.get(&q("2026-10-01", "2026-10-31", "calls"), &t).await;
    assert!(calls["records"].as_array().unwrap().iter().all(|r| r["kind"] == "calls"));
    let sum: i64 = records.iter().map(|r| r["cost"].as_i64().unwrap()).sum();
    assert_eq!(all["total_cost"].as_i64().unwrap(), sum);

    let (status, body) = p.get(&q("2026-01-01", "2026-06-30", "all"), &t).await;
    assert_eq!((status, code(&body)), (StatusCode::UNPROCESSABLE_ENTITY, "period_too_long"));
    let (status, body) = p.get(&q("2026-10-31", "2026-10-01", "all"), &t).await;
    assert_eq!((status, code(&body)), (StatusCode::BAD_REQUEST, "invalid_input"));
}

#[tokio::test]
async fn an_injected_fault_fails_pages_until_cleared() {
    let p = Portal::start().await;
    let t = p.admin().await;
    p.call(Method::POST, "/sandbox/faults", None, Some(json!({"fail_numbers_after_pages": 1}))).await;
    assert_eq!(p.get("/api/v1/companies/1/numbers?limit=5", &t).await.0, StatusCode::OK);
    assert_eq!(p.get("/api/v1/companies/1/numbers?limit=5", &t).await.0, StatusCode::SERVICE_UNAVAILABLE);
    p.call(Method::POST, "/sandbox/faults", None, Some(json!({"fail_numbers_after_pages": null}))).await;
    assert_eq!(p.get("/api/v1/companies/1/numbers?limit=5", &t).await.0, StatusCode::OK);
}

#[tokio::test]
async fn blocking_is_in_process_until_the_request_completes() {
    let p = Portal::start().await;
    let t = p.admin().await;
    let (status, request) = p.call(Method::POST, &format!("/api/v1/numbers/{MANUAL}/block"), Some(&t), None).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{request}");
    assert_eq!(request["state"], "in_process");
    assert_eq!(number(&p, &t, MANUAL).await["summary"]["state"], "in_process");
    let (status, body) = p.call(Method::POST, &format!("/api/v1/numbers/{MANUAL}/block"), Some(&t), None).await;
    assert_eq!((status, code(&body)), (StatusCode::CONFLICT, "not_allowed_in_state"));
    assert_eq!(body["reason"], "request_in_process", "the refusal says which rule: {body}");

    p.advance(5).await;
    let blocked = number(&p, &t, MANUAL).await;
    assert_eq!(blocked["summary"]["state"], "blocked");
    let (_, record) = p.get(&format!("/api/v1/requests/{}", request["id"].as_str().unwrap()), &t).await;
    assert_eq!((record["state"].as_str(), record["result"].as_str()), (Some("done"), Some("blocked")));
    assert!(record["completed_at"].is_string(), "{record}");
    // Nothing can be enabled on it now.
    let (status, _) =
        p.call(Method::POST, &format!("/api/v1/numbers/{MANUAL}/services/landline-10"), Some(&t), None).await;
    assert_eq!(status, StatusCode::CONFLICT);

    let (status, _) = p.call(Method::POST, &format!("/api/v1/numbers/{MANUAL}/unblock"), Some(&t), None).await;
    assert_eq!(status, StatusCode::ACCEPTED);
    p.advance(5).await;
    assert_eq!(number(&p, &t, MANUAL).await["summary"]["state"], "active");
    let (_, history) = p.get("/api/v1/companies/1/actions", &t).await;
    let actions: Vec<&str> =
        history["items"].as_array().unwrap().iter().map(|a| a["action"].as_str().unwrap()).collect();
    assert!(actions.contains(&"Number blocking") && actions.contains(&"Number unblocking"));
}

#[tokio::test]
async fn a_number_blocked_for_debt_cannot_be_unblocked() {
    let p = Portal::start().await;
    let t = p.admin().await;
    let (_, page) = p.get("/api/v1/companies/1/numbers?limit=1000", &t).await;
    let debtor =
        page["items"].as_array().unwrap().iter().find(|n| n["state"] == "blocked_debt").expect("the demo has one");
    let path = format!("/api/v1/numbers/{}/unblock", debtor["msisdn"].as_str().unwrap());
    let (status, body) = p.call(Method::POST, &path, Some(&t), None).await;
    assert_eq!((status, code(&body)), (StatusCode::CONFLICT, "not_allowed_in_state"));
    assert!(body["message"].as_str().unwrap().contains("debt"));
    assert_eq!((&body["reason"], &body["params"]["state"]), (&"blocked_for_debt".into(), &"blocked_debt".into()));
    let (status, body) = p.call(Method::POST, "/api/v1/numbers/77010542006/block", Some(&t), None).await;
    assert_eq!((status, &body["reason"]), (StatusCode::CONFLICT, &"block_needs_active".into()), "already blocked");
}

#[tokio::test]
async fn absurd_usage_dates_are_refused_as_invalid_input() {
    let p = Portal::start().await;
    let t = p.admin().await;
    for (from, to) in [
        // The fuzzer's period: it panicked the handler and closed the connection.
        ("-262143-01-01", "-262143-01-02"),
        ("0001-01-01", "0001-01-31"),
        ("1999-12-31", "2000-01-01"),
        ("2026-10-01", "9999-12-31"),
        ("2026-10-01", "%2B262142-12-31"),
        ("%2B262142-12-31", "%2B262142-12-31"),
    ] {
        let (status, body) = p.get(&format!("/api/v1/numbers/{MANUAL}/usage?from={from}&to={to}"), &t).await;
        assert_eq!((status, code(&body)), (StatusCode::BAD_REQUEST, "invalid_input"), "{from}..{to}: {body}");
    }
    let (status, _) = p.get(&format!("/api/v1/numbers/{MANUAL}/usage?from=2026-10-01&to=2026-10-02"), &t).await;
    assert_eq!(status, StatusCode::OK);
}
