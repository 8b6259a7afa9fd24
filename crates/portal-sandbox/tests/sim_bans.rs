//! SIM card replacement and the three bans, over HTTP: the rules (state, one replacement at a
//! time, a valid and unused ICCID, a ban not set twice), what a completed replacement changes
//! (ICCID, date, PIN/PUK), and the actions history rows of every change and refusal.

mod common;

use common::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// Active, of the demo company, not the manual's (whose PIN/PUK the manual shows).
const ACTIVE: &str = "77012115526";
/// Blocked, of the demo company.
const BLOCKED: &str = "77010542006";
/// A valid ICCID (Luhn) that no number has.
const NEW_ICCID: &str = "89997020000000000007";
const OTHER_ICCID: &str = "89997020000000000015";

async fn replace(p: &Portal, t: &str, msisdn: &str, iccid: &str) -> (StatusCode, Value) {
    let path = format!("/api/v1/numbers/{msisdn}/sim-replacement");
    p.call(Method::POST, &path, Some(t), Some(json!({ "iccid": iccid }))).await
}

async fn ban(p: &Portal, t: &str, method: Method, msisdn: &str, ban: &str) -> (StatusCode, Value) {
    p.call(method, &format!("/api/v1/numbers/{msisdn}/bans/{ban}"), Some(t), None).await
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

#[tokio::test]
async fn a_blocked_number_s_sim_is_not_replaced_and_the_refusal_is_in_the_history() {
    let p = Portal::start().await;
    let t = p.admin().await;
    let (status, body) = replace(&p, &t, BLOCKED, NEW_ICCID).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(code(&body), "not_allowed_in_state");
    assert_eq!(body["reason"], "sim_replacement_needs_active");
    assert_eq!(body["params"]["state"], "blocked");
    assert_eq!(history(&p, &t, BLOCKED).await.first().map(String::as_str), Some("SIM card replacement: Refused"));
    let (_, n) = p.get(&format!("/api/v1/numbers/{BLOCKED}"), &t).await;
    assert_ne!(n["sim"]["iccid"], NEW_ICCID);
}

#[tokio::test]
async fn a_bad_iccid_is_invalid_iccid_naming_the_field_and_changes_nothing() {
    let p = Portal::start().await;
    let t = p.admin().await;
    for bad in ["89997020000000000006", "123", "8999702000000000000X", ""] {
        let (status, body) = replace(&p, &t, ACTIVE, bad).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad:?}: {body}");
        assert_eq!((code(&body), body["field"].as_str()), ("invalid_iccid", Some("iccid")), "{bad:?}");
    }
    // The ICCID of a SIM that is some number's already (here the manual's).
    let (status, body) = replace(&p, &t, ACTIVE, "89997027508016848485").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!((body["field"].as_str(), body["reason"].as_str()), (Some("iccid"), Some("iccid_in_use")));
    // A body without the field is invalid input, as every body the sandbox reads.
    let (status, body) =
        p.call(Method::POST, &format!("/api/v1/numbers/{ACTIVE}/sim-replacement"), Some(&t), Some(json!({}))).await;
    assert_eq!((status, code(&body)), (StatusCode::BAD_REQUEST, "invalid_input"));
    let (_, n) = p.get(&format!("/api/v1/numbers/{ACTIVE}"), &t).await;
    assert_ne!(n["sim"]["iccid"], NEW_ICCID);
}

#[tokio::test]
async fn a_completed_replacement_gives_the_number_the_new_iccid_date_and_pin_puk() {
    let p = Portal::start().await;
    let t = p.admin().await;
    let path = format!("/api/v1/numbers/{ACTIVE}");
    let (_, before) = p.get(&path, &t).await;
    let (_, old_codes) = p.get(&format!("{path}/sim-secrets"), &t).await;

    let (status, request) = replace(&p, &t, ACTIVE, NEW_ICCID).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{request}");
    assert_eq!((request["kind"].as_str(), request["state"].as_str()), (Some("sim_replacement"), Some("in_process")));
    assert_eq!(request["detail"], NEW_ICCID);
    // In process: the number keeps its state and its SIM, and a second replacement is refused.
    let (_, during) = p.get(&path, &t).await;
    assert_eq!((during["summary"]["state"].as_str(), &during["sim"]), (Some("active"), &before["sim"]));
    let (status, body) = replace(&p, &t, ACTIVE, OTHER_ICCID).await;
    assert_eq!((status, body["reason"].as_str()), (StatusCode::CONFLICT, Some("sim_replacement_in_process")));
    // Nor is the pending SIM given to another number.
    let (_, body) = replace(&p, &t, "77010542007", NEW_ICCID).await;
    assert_eq!(body["reason"], "iccid_in_use", "{body}");

    p.advance(10).await;
    let id = request["id"].as_str().unwrap();
    let (_, done) = p.get(&format!("/api/v1/requests/{id}"), &t).await;
    assert_eq!((done["state"].as_str(), done["result"].as_str()), (Some("done"), Some("sim_replaced")), "{done}");
    let (_, after) = p.get(&path, &t).await;
    assert_eq!(after["sim"]["iccid"], NEW_ICCID);
    assert_eq!(after["sim"]["sim_replaced_at"], done["completed_at"], "replaced when the request completed");
    assert_ne!(after["sim"]["sim_replaced_at"], before["sim"]["sim_replaced_at"]);
    assert_eq!(after["sim"]["imei"], before["sim"]["imei"], "the device is the same");
    let (_, new_codes) = p.get(&format!("{path}/sim-secrets"), &t).await;
    assert_ne!(new_codes, old_codes, "a new SIM has its own PIN/PUK");
    assert_eq!(new_codes["puk1"].as_str().map(str::len), Some(8));
    let rows = history(&p, &t, ACTIVE).await;
    assert!(rows.contains(&"SIM card replaced: Success".to_string()), "{rows:?}");
    assert!(rows.contains(&"SIM card replacement: Success".to_string()), "{rows:?}");
    // Another replacement is possible once this one is done.
    let (status, body) = replace(&p, &t, ACTIVE, OTHER_ICCID).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{body}");
}

#[tokio::test]
async fn a_ban_is_set_and_removed_at_once_and_not_set_twice() {
    let p = Portal::start().await;
    let t = p.admin().await;
    // 77012115526 has the MyKcell details ban only (seed).
    let (status, body) = ban(&p, &t, Method::PUT, ACTIVE, "mykcell").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!((body["msisdn"].as_str(), body["general"]["ban_mykcell"].as_bool()), (Some(ACTIVE), Some(true)));
    let (_, n) = p.get(&format!("/api/v1/numbers/{ACTIVE}"), &t).await;
    assert_eq!(n["general"]["ban_mykcell"], true, "the profile shows it");

    let (status, body) = ban(&p, &t, Method::PUT, ACTIVE, "mykcell").await;
    assert_eq!((status, code(&body)), (StatusCode::CONFLICT, "not_allowed_in_state"));
    assert_eq!((body["reason"].as_str(), body["params"]["ban"].as_str()), (Some("ban_already_set"), Some("mykcell")));

    let (status, body) = ban(&p, &t, Method::DELETE, ACTIVE, "mykcell_details").await;
    assert_eq!((status, body["general"]["ban_mykcell_details"].as_bool()), (StatusCode::OK, Some(false)));
    let (status, body) = ban(&p, &t, Method::DELETE, ACTIVE, "sms_ussd").await;
    assert_eq!((status, body["reason"].as_str()), (StatusCode::CONFLICT, Some("ban_not_set")));

    let (status, _) = ban(&p, &t, Method::PUT, ACTIVE, "roaming").await;
    assert_eq!(status, StatusCode::NOT_FOUND, "a ban the portal does not have");
    // A blocked number's bans can be changed too (the shared table's ChangeBan row).
    let (status, body) = ban(&p, &t, Method::PUT, BLOCKED, "sms_ussd").await;
    assert_eq!(status, StatusCode::OK, "{body}");

    assert_eq!(
        history(&p, &t, ACTIVE).await,
        [
            "Ban on SMS / USSD control: removed: Refused",
            "Ban on MyKcell details access: removed: Success",
            "Ban on MyKcell access: set: Refused",
            "Ban on MyKcell access: set: Success",
        ]
    );
}

#[tokio::test]
async fn the_new_routes_are_in_the_openapi_document() {
    let p = Portal::start().await;
    let (_, doc) = p.call(Method::GET, "/openapi.json", None, None).await;
    let paths = &doc["paths"];
    assert!(paths["/api/v1/numbers/{msisdn}/sim-replacement"]["post"]["responses"]["400"].is_object());
    let bans = &paths["/api/v1/numbers/{msisdn}/bans/{ban}"];
    assert!(bans["put"]["responses"]["409"].is_object() && bans["delete"]["responses"]["409"].is_object());
}
