//! The bulk check, `POST /api/v1/companies/{id}/actions/check`: for each number, whether the
//! action would be refused now and why, by the checks of the action's own route; another
//! company's number is a `not_found` row; the check needs no Idempotency-Key and writes nothing.

mod common;

use common::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use sqlx::Connection;

/// Active, of the demo company (company 1).
const ACTIVE: &str = "77012115526";
/// Blocked, of the demo company.
const BLOCKED: &str = "77010542006";
/// A generated number of the demo company, put in Blocked / Debt by [`prepare`].
const DEBT: &str = "77010600000";
/// A generated number of the demo company, Active with no money, by [`prepare`].
const BROKE: &str = "77010600037";
/// A number of company 2 (granted to the demo administrator too, but not company 1's).
const COMPANY_2: &str = "77022300000";
/// A number of company 3 (another administrator's).
const TELE2: &str = "77754100000";
const SERVICE: &str = "landline-10";

async fn db(p: &Portal) -> sqlx::SqliteConnection {
    let url = format!("sqlite://{}", p.data_dir().join("portal.sqlite").display());
    sqlx::SqliteConnection::connect(&url).await.unwrap()
}

async fn exec(p: &Portal, sql: &str) {
    sqlx::query(sql).execute(&mut db(p).await).await.unwrap();
}

/// The states the tests need, written directly (as the number actions test does).
async fn prepare(p: &Portal) {
    exec(p, &format!("UPDATE numbers SET state = 'active', balance = 100000000, available_funds = NULL WHERE msisdn = '{ACTIVE}'")).await;
    exec(p, &format!("UPDATE numbers SET state = 'blocked_debt', debt = 500000 WHERE msisdn = '{DEBT}'")).await;
    exec(p, &format!("UPDATE numbers SET state = 'active', balance = 0, available_funds = 0 WHERE msisdn = '{BROKE}'"))
        .await;
    exec(p, &format!("DELETE FROM number_services WHERE service_id = '{SERVICE}'")).await;
    exec(p, "UPDATE numbers SET ban_mykcell = 0").await;
}

/// Sends a check without an Idempotency-Key (it is a read).
async fn check(p: &Portal, t: &str, company: i64, body: Value) -> (StatusCode, Value) {
    let resp = p
        .http
        .post(p.url(&format!("/api/v1/companies/{company}/actions/check")))
        .bearer_auth(t)
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = resp.status();
    (status, resp.json().await.unwrap_or(Value::Null))
}

/// Each number's row as `code/reason`, `ok` when the portal would do it.
async fn rows(p: &Portal, t: &str, action: Value, numbers: &[&str]) -> Vec<String> {
    let mut body = action;
    body["numbers"] = json!(numbers);
    let (status, answer) = check(p, t, 1, body).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let results = answer["results"].as_array().unwrap();
    assert_eq!(results.len(), numbers.len());
    results
        .iter()
        .zip(numbers)
        .map(|(r, n)| {
            assert_eq!(r["msisdn"], *n, "in the order asked");
            match r.get("error") {
                None => "ok".to_string(),
                Some(e) => format!("{}/{}", e["code"].as_str().unwrap(), e["reason"].as_str().unwrap_or("-")),
            }
        })
        .collect()
}

/// What a check could change: the history, requests, idempotency keys, and the numbers' states,
/// money and bans.
async fn footprint(p: &Portal) -> Vec<String> {
    let mut conn = db(p).await;
    let mut out = Vec::new();
    for sql in [
        "SELECT COUNT(*) || '' FROM actions",
        "SELECT COUNT(*) || '' FROM requests",
        "SELECT COUNT(*) || '' FROM idempotency",
        "SELECT COUNT(*) || '' FROM number_services",
        "SELECT COUNT(*) || '' FROM secret_codes",
        "SELECT group_concat(msisdn || state || balance || ban_mykcell || ban_sms_ussd || updated_at, ',') FROM numbers",
    ] {
        out.push(sqlx::query_scalar::<_, String>(sql).fetch_one(&mut conn).await.unwrap());
    }
    out
}

#[tokio::test]
async fn each_number_is_answered_by_its_action_s_own_rule_and_nothing_is_written() {
    let p = Portal::start().await;
    let t = p.admin().await;
    prepare(&p).await;
    let before = footprint(&p).await;
    let all = [ACTIVE, BLOCKED, DEBT, BROKE, COMPANY_2, TELE2];
    let not_ours = "not_found/not_in_company";

    assert_eq!(
        rows(&p, &t, json!({"action": "block"}), &all).await,
        [
            "ok",
            "not_allowed_in_state/block_needs_active",
            "not_allowed_in_state/block_needs_active",
            "ok",
            not_ours,
            not_ours
        ]
    );
    assert_eq!(
        rows(&p, &t, json!({"action": "unblock"}), &all[..4]).await,
        [
            "not_allowed_in_state/unblock_needs_blocked",
            "ok",
            "not_allowed_in_state/blocked_for_debt",
            "not_allowed_in_state/unblock_needs_blocked"
        ]
    );
    assert_eq!(
        rows(&p, &t, json!({"action": "service_on", "service": SERVICE}), &all[..4]).await,
        [
            "ok",
            "not_allowed_in_state/service_needs_active",
            "not_allowed_in_state/service_needs_active",
            "insufficient_funds/-"
        ]
    );
    assert_eq!(
        rows(&p, &t, json!({"action": "service_off", "service": SERVICE}), &all[..2]).await,
        ["not_found/service_not_enabled", "not_found/service_not_enabled"]
    );
    assert_eq!(
        rows(&p, &t, json!({"action": "ban_off", "ban": "mykcell"}), &all[..3]).await,
        ["not_allowed_in_state/ban_not_set", "not_allowed_in_state/ban_not_set", "not_allowed_in_state/ban_not_set"]
    );
    assert_eq!(
        rows(&p, &t, json!({"action": "send_secret_code"}), &all[..3]).await,
        ["ok", "not_allowed_in_state/secret_code_needs_active", "not_allowed_in_state/secret_code_needs_active"]
    );
    assert_eq!(footprint(&p).await, before, "a check writes nothing");

    // After the real actions, the check sees what they changed, as their routes would.
    let (status, _) =
        p.call(Method::POST, &format!("/api/v1/numbers/{ACTIVE}/services/{SERVICE}"), Some(&t), None).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = p.call(Method::PUT, &format!("/api/v1/numbers/{ACTIVE}/bans/mykcell"), Some(&t), None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        rows(&p, &t, json!({"action": "service_on", "service": SERVICE}), &[ACTIVE]).await,
        ["already_enabled/-"]
    );
    assert_eq!(rows(&p, &t, json!({"action": "service_off", "service": SERVICE}), &[ACTIVE]).await, ["ok"]);
    assert_eq!(
        rows(&p, &t, json!({"action": "ban_on", "ban": "mykcell"}), &[ACTIVE]).await,
        ["not_allowed_in_state/ban_already_set"]
    );
    assert_eq!(rows(&p, &t, json!({"action": "ban_off", "ban": "mykcell"}), &[ACTIVE]).await, ["ok"]);
    let (status, _) = p.call(Method::POST, &format!("/api/v1/numbers/{ACTIVE}/block"), Some(&t), None).await;
    assert_eq!(status, StatusCode::ACCEPTED);
    assert_eq!(rows(&p, &t, json!({"action": "block"}), &[ACTIVE]).await, ["not_allowed_in_state/request_in_process"]);
}

#[tokio::test]
async fn another_company_an_unknown_service_or_ban_and_too_many_numbers_are_refused_whole() {
    let p = Portal::start().await;
    let t = p.admin().await;
    let tele2 = p.token(TELE2_ADMIN, PASSWORD).await;
    let one = json!([ACTIVE]);
    let (status, body) = check(&p, &tele2, 1, json!({"action": "block", "numbers": one})).await;
    assert_eq!((status, code(&body)), (StatusCode::NOT_FOUND, "not_found"), "another administrator's company");
    // Tele2's administrator asking about its own company sees the demo company's number as not its own.
    let (status, body) = check(&p, &tele2, 3, json!({"action": "block", "numbers": [ACTIVE, TELE2]})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["results"][0]["error"]["code"], "not_found");
    assert!(body["results"][1].get("error").is_none() || body["results"][1]["error"]["code"] != "not_found");
    let (status, body) = check(&p, &t, 1, json!({"action": "service_on", "service": "no-such", "numbers": one})).await;
    assert_eq!((status, code(&body)), (StatusCode::NOT_FOUND, "not_found"));
    let (status, body) = check(&p, &t, 1, json!({"action": "ban_on", "ban": "no-such", "numbers": one})).await;
    assert_eq!((status, code(&body)), (StatusCode::NOT_FOUND, "not_found"));
    let (status, body) = check(&p, &t, 1, json!({"action": "teleport", "numbers": one})).await;
    assert_eq!((status, code(&body)), (StatusCode::BAD_REQUEST, "invalid_input"), "{body}");
    let many: Vec<String> = (0..100_001u64).map(|i| (77_780_000_000 + i).to_string()).collect();
    let (status, body) = check(&p, &t, 1, json!({"action": "block", "numbers": many})).await;
    assert_eq!((status, code(&body)), (StatusCode::BAD_REQUEST, "invalid_input"), "{body}");
    assert_eq!(body["field"], "numbers");
    let (status, _) = p
        .http
        .post(p.url("/api/v1/companies/1/actions/check"))
        .json(&json!({"action": "block", "numbers": one}))
        .send()
        .await
        .map(|r| (r.status(), ()))
        .unwrap();
    assert_eq!(status, StatusCode::UNAUTHORIZED, "a session is needed");
}

/// The check takes only the actions a bulk run can take, by their wire names: the one `Action`
/// also names the others (a transfer, a report), but they have no wire form, so the
/// published schema lists exactly the bulk names and the route refuses another as it refuses
/// an unknown action.
#[tokio::test]
async fn the_check_takes_only_the_bulk_actions_and_its_schema_says_so() {
    let p = Portal::start().await;
    let t = p.admin().await;
    let (_, doc) = p.call(Method::GET, "/openapi.json", None, None).await;
    let schema = doc["components"]["schemas"]["Action"].to_string();
    let mut named: Vec<String> =
        ["block", "unblock", "service_on", "service_off", "sim_replacement", "ban_on", "ban_off", "send_secret_code"]
            .into_iter()
            .filter(|name| schema.contains(&format!("\"{name}\"")))
            .map(String::from)
            .collect();
    named.sort();
    assert_eq!(named.len(), 8, "{schema}");
    for other in ["transfer", "report", "service_enable", "ban_set"] {
        assert!(!schema.contains(&format!("\"{other}\"")), "{other} in {schema}");
        let (status, body) = check(&p, &t, 1, json!({"action": other, "numbers": [ACTIVE]})).await;
        assert!(status.is_client_error() && status != StatusCode::NOT_FOUND, "{other}: {status} {body}");
    }
}

/// `digits` with its Luhn check digit added: a valid ICCID of 20 digits from 19.
fn with_check_digit(digits: &str) -> String {
    let sum: u32 = digits
        .chars()
        .rev()
        .enumerate()
        .map(|(i, c)| {
            let d = c.to_digit(10).unwrap();
            if i % 2 == 0 {
                let twice = d * 2;
                if twice > 9 {
                    twice - 9
                } else {
                    twice
                }
            } else {
                d
            }
        })
        .sum();
    format!("{digits}{}", (10 - sum % 10) % 10)
}

/// A bulk SIM replacement is checked with each number's own new SIM, by the route's own
/// functions (`store::sim::parse_iccid`, `store::sim::refusal`): a bad ICCID, an ICCID already a
/// number's SIM, a number not Active, are what the route answers; and the check writes nothing.
#[tokio::test]
async fn a_sim_replacement_is_checked_with_each_number_s_own_new_sim_as_its_route_checks_it() {
    let p = Portal::start().await;
    let t = p.admin().await;
    prepare(&p).await;
    let in_use: String = sqlx::query_scalar("SELECT iccid FROM numbers WHERE msisdn = ?")
        .bind(BLOCKED)
        .fetch_one(&mut db(&p).await)
        .await
        .unwrap();
    let fresh = with_check_digit("8999702750999000001");
    let other = with_check_digit("8999702750999000002");
    let before = footprint(&p).await;
    let numbers = [ACTIVE, ACTIVE, BLOCKED, ACTIVE, TELE2];
    let iccids = [fresh.as_str(), "89997027508016848486", other.as_str(), in_use.as_str(), other.as_str()];
    let (status, body) =
        check(&p, &t, 1, json!({"action": "sim_replacement", "numbers": numbers, "iccids": iccids})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let got: Vec<String> = body["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| match r.get("error") {
            None => "ok".to_string(),
            Some(e) => format!("{}/{}", e["code"].as_str().unwrap(), e["reason"].as_str().unwrap_or("-")),
        })
        .collect();
    assert_eq!(
        got,
        [
            "ok",
            "invalid_iccid/check_digit",
            "not_allowed_in_state/sim_replacement_needs_active",
            "invalid_iccid/iccid_in_use",
            "not_found/not_in_company"
        ]
    );
    assert_eq!(body["results"][1]["error"]["field"], "iccid");
    assert_eq!(footprint(&p).await, before, "a check writes nothing");

    // The route answers the same for the SIM in use.
    let (status, routed) = p
        .call(
            Method::POST,
            &format!("/api/v1/numbers/{ACTIVE}/sim-replacement"),
            Some(&t),
            Some(json!({"iccid": in_use})),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(routed["reason"], body["results"][3]["error"]["reason"]);

    // One new SIM per number, and none for another action.
    let (status, body) = check(&p, &t, 1, json!({"action": "sim_replacement", "numbers": [ACTIVE]})).await;
    assert_eq!(
        (status, code(&body), body["field"].as_str()),
        (StatusCode::BAD_REQUEST, "invalid_input", Some("iccids"))
    );
    let (status, body) = check(&p, &t, 1, json!({"action": "block", "numbers": [ACTIVE], "iccids": [fresh]})).await;
    assert_eq!((status, code(&body)), (StatusCode::BAD_REQUEST, "invalid_input"));
}
