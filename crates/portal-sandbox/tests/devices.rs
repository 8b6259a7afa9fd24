//! Device (IMEI) registration over HTTP: values checked by field, each change a request that
//! completes after the IMEI delay (stepped with the sandbox clock), the registry's answers
//! (another provider → duplicate, another owner → re-register), the request history, and 404
//! for another company's number on every route. Demo numbers: `seed/devices.rs`.

mod common;

use common::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// Not registered: Register works.
const FREE: &str = "77010600037";
const FREE_IMEI: &str = "35600054894561";
/// Registered to another owner (77017770011, IIN 921029350851).
const ELSEWHERE: &str = "77010600074";
const ELSEWHERE_IMEI: &str = "35055553552575";
/// The manual's number: its IMEI is registered with another provider's number.
const MANUAL: &str = "77010542007";
const MANUAL_IMEI: &str = "35367807651154";
/// Blocked, with the manual's two registered IMEIs.
const BLOCKED: &str = "77010542006";
/// Registered with this number.
const REGISTERED: &str = "77010600111";
const REGISTERED_IMEI: &str = "35355626115517";
/// A number of a company the demo administrator is not granted.
const OTHER_COMPANY: &str = "77754100000";
/// Longer than the demo's IMEI delay.
const LATER: i64 = 10;

fn devices(msisdn: &str) -> String {
    format!("/api/v1/numbers/{msisdn}/devices")
}

async fn post(p: &Portal, t: &str, path: &str, body: Value) -> (StatusCode, Value) {
    p.call(Method::POST, path, Some(t), Some(body)).await
}

async fn view(p: &Portal, t: &str, msisdn: &str) -> Value {
    let (status, body) = p.get(&devices(msisdn), t).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

fn registered(view: &Value) -> Vec<&str> {
    view["registered"].as_array().unwrap().iter().map(|d| d["imei"].as_str().unwrap()).collect()
}

/// The request history as (kind, state, result or failure reason, IMEI), newest first.
fn history(view: &Value) -> Vec<(String, String, String, String)> {
    let s = |v: &Value| v.as_str().unwrap_or("").to_string();
    view["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let outcome = if r["result"].is_null() { s(&r["error"]["reason"]) } else { s(&r["result"]) };
            (s(&r["kind"]), s(&r["state"]), outcome, s(&r["detail"]))
        })
        .collect()
}

fn reregister_body(imei: &str, owner: &str, iin: &str) -> Value {
    json!({"imei": imei, "previous_owner_msisdn": owner, "previous_owner_iin": iin, "terms_accepted": true})
}

#[tokio::test]
async fn the_page_shows_the_last_imei_the_status_and_the_registered_imeis() {
    let p = Portal::start().await;
    let t = p.admin().await;
    let free = view(&p, &t, FREE).await;
    assert_eq!((free["last_imei"].as_str(), free["status"].as_str()), (Some(FREE_IMEI), Some("not_registered")));
    assert!(registered(&free).is_empty());
    let here = view(&p, &t, REGISTERED).await;
    assert_eq!((here["status"].as_str(), registered(&here)), (Some("registered"), vec![REGISTERED_IMEI]));
    let blocked = view(&p, &t, BLOCKED).await;
    assert_eq!(registered(&blocked), ["35967807651154", "86978202212128"]);
    assert_eq!(view(&p, &t, "77012115526").await["status"], "no_device");
}

#[tokio::test]
async fn bad_values_are_refused_naming_their_field() {
    let p = Portal::start().await;
    let t = p.admin().await;
    let (status, body) = post(&p, &t, &devices(FREE), json!({"imei": "353678076511549"})).await;
    assert_eq!((status, code(&body), body["field"].as_str()), (StatusCode::BAD_REQUEST, "invalid_imei", Some("imei")));
    let (status, body) = p.call(Method::DELETE, &format!("{}/12345", devices(BLOCKED)), Some(&t), None).await;
    assert_eq!((status, code(&body), body["field"].as_str()), (StatusCode::BAD_REQUEST, "invalid_imei", Some("imei")));

    let path = format!("{}/reregister", devices(ELSEWHERE));
    let bad_iin = reregister_body(ELSEWHERE_IMEI, "77017770011", "921029350852");
    let (status, body) = post(&p, &t, &path, bad_iin).await;
    assert_eq!(
        (status, code(&body), body["field"].as_str()),
        (StatusCode::BAD_REQUEST, "invalid_iin_bin", Some("previous_owner_iin"))
    );
    let (status, body) = post(&p, &t, &path, reregister_body(ELSEWHERE_IMEI, "7701777", "921029350851")).await;
    assert_eq!(
        (status, code(&body), body["field"].as_str()),
        (StatusCode::BAD_REQUEST, "invalid_phone", Some("previous_owner_msisdn"))
    );
    let mut unaccepted = reregister_body(ELSEWHERE_IMEI, "77017770011", "921029350851");
    unaccepted["terms_accepted"] = json!(false);
    let (status, body) = post(&p, &t, &path, unaccepted).await;
    assert_eq!(
        (status, body["field"].as_str(), body["reason"].as_str()),
        (StatusCode::BAD_REQUEST, Some("terms_accepted"), Some("terms_not_accepted"))
    );
    let duplicate = format!("{}/duplicate", devices(MANUAL));
    let (status, body) = post(&p, &t, &duplicate, json!({"imei": MANUAL_IMEI, "terms_accepted": false})).await;
    assert_eq!((status, body["field"].as_str()), (StatusCode::BAD_REQUEST, Some("terms_accepted")));
    // Nothing was started.
    assert!(history(&view(&p, &t, ELSEWHERE).await).is_empty());
}

#[tokio::test]
async fn register_completes_after_the_delay_then_deregister_removes_it() {
    let p = Portal::start().await;
    let t = p.admin().await;
    // The 15-digit form with its check digit is the same device.
    let (status, record) = post(&p, &t, &devices(FREE), json!({"imei": "356000548945617"})).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{record}");
    assert_eq!((record["kind"].as_str(), record["state"].as_str()), (Some("imei_register"), Some("in_process")));
    assert_eq!(record["detail"], FREE_IMEI);
    let before = view(&p, &t, FREE).await;
    assert_eq!(before["status"], "not_registered", "in process until the operator answers");
    assert_eq!(history(&before)[0].1, "in_process");
    // A second request for the same device meanwhile is refused.
    let (status, body) = post(&p, &t, &devices(FREE), json!({"imei": FREE_IMEI})).await;
    assert_eq!((status, body["reason"].as_str()), (StatusCode::CONFLICT, Some("request_in_process")));

    p.advance(LATER).await;
    let (_, done) = p.get(&format!("/api/v1/requests/{}", record["id"].as_str().unwrap()), &t).await;
    assert_eq!((done["state"].as_str(), done["result"].as_str()), (Some("done"), Some("imei_registered")));
    let after = view(&p, &t, FREE).await;
    assert_eq!((after["status"].as_str(), registered(&after)), (Some("registered"), vec![FREE_IMEI]));
    // Registered already: refused at once.
    let (status, body) = post(&p, &t, &devices(FREE), json!({"imei": FREE_IMEI})).await;
    assert_eq!((status, body["reason"].as_str()), (StatusCode::CONFLICT, Some("imei_already_registered")));

    let (status, removal) = p.call(Method::DELETE, &format!("{}/{FREE_IMEI}", devices(FREE)), Some(&t), None).await;
    assert_eq!((status, removal["kind"].as_str()), (StatusCode::ACCEPTED, Some("imei_deregister")), "{removal}");
    p.advance(LATER).await;
    let removed = view(&p, &t, FREE).await;
    assert_eq!((removed["status"].as_str(), registered(&removed).len()), (Some("not_registered"), 0));
    let rows = history(&removed);
    assert_eq!(
        rows.iter().map(|r| (r.0.as_str(), r.2.as_str())).collect::<Vec<_>>(),
        [("imei_deregister", "imei_deregistered"), ("imei_register", "imei_registered")]
    );
    // Deregistering what is not registered is refused.
    let (status, body) = p.call(Method::DELETE, &format!("{}/{FREE_IMEI}", devices(FREE)), Some(&t), None).await;
    assert_eq!((status, body["reason"].as_str()), (StatusCode::CONFLICT, Some("imei_not_registered")));

    // The actions history has each step.
    let (_, actions) = p.get("/api/v1/companies/1/actions", &t).await;
    let names: Vec<&str> = actions["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["msisdn"] == FREE && a["status"] == "Success")
        .map(|a| a["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Device registration removed (IMEI)",
            "Device deregistration (IMEI)",
            "Device registered (IMEI)",
            "Device registration (IMEI)"
        ]
    );
}

#[tokio::test]
async fn a_device_of_another_owner_fails_to_register_and_is_re_registered_from_them() {
    let p = Portal::start().await;
    let t = p.admin().await;
    let (status, _) = post(&p, &t, &devices(ELSEWHERE), json!({"imei": ELSEWHERE_IMEI})).await;
    assert_eq!(status, StatusCode::ACCEPTED);
    p.advance(LATER).await;
    let failed = view(&p, &t, ELSEWHERE).await;
    assert_eq!(failed["history"][0]["state"], "failed");
    assert_eq!(failed["history"][0]["error"]["reason"], "imei_registered_elsewhere");
    assert_eq!(failed["status"], "not_registered");

    // A previous owner whose IIN/BIN is valid but not the device's: fails later.
    let path = format!("{}/reregister", devices(ELSEWHERE));
    let (status, _) = post(&p, &t, &path, reregister_body(ELSEWHERE_IMEI, "77017770011", "940140000385")).await;
    assert_eq!(status, StatusCode::ACCEPTED);
    p.advance(LATER).await;
    let mismatch = view(&p, &t, ELSEWHERE).await;
    assert_eq!(mismatch["history"][0]["error"]["reason"], "previous_owner_mismatch");

    let (status, record) =
        post(&p, &t, &path, reregister_body(ELSEWHERE_IMEI, "+7 701 777 00 11", "921029350851")).await;
    assert_eq!((status, record["kind"].as_str()), (StatusCode::ACCEPTED, Some("imei_reregister")), "{record}");
    p.advance(LATER).await;
    let moved = view(&p, &t, ELSEWHERE).await;
    assert_eq!((moved["status"].as_str(), registered(&moved)), (Some("registered"), vec![ELSEWHERE_IMEI]));
    assert_eq!(
        history(&moved).iter().map(|r| (r.1.as_str(), r.2.as_str())).collect::<Vec<_>>(),
        [("done", "imei_reregistered"), ("failed", "previous_owner_mismatch"), ("failed", "imei_registered_elsewhere")]
    );
}

#[tokio::test]
async fn a_device_of_another_provider_fails_to_register_and_is_registered_as_a_duplicate() {
    let p = Portal::start().await;
    let t = p.admin().await;
    // The manual's history is there from the start, newest first.
    let start = view(&p, &t, MANUAL).await;
    assert_eq!(start["status"], "not_registered");
    assert_eq!(
        history(&start),
        [
            ("imei_deregister".into(), "done".into(), "imei_deregistered".into(), MANUAL_IMEI.into()),
            ("imei_duplicate".into(), "done".into(), "imei_duplicate_registered".into(), MANUAL_IMEI.into()),
        ]
    );
    assert_eq!(start["history"][1]["completed_at"], "2021-04-22T13:49:00Z", "22/04/2021 18:49 in Kazakhstan");

    let (status, _) = post(&p, &t, &devices(MANUAL), json!({"imei": MANUAL_IMEI})).await;
    assert_eq!(status, StatusCode::ACCEPTED);
    p.advance(LATER).await;
    let failed = view(&p, &t, MANUAL).await;
    assert_eq!(failed["history"][0]["error"]["reason"], "imei_registered_other_operator");
    assert_eq!(failed["history"][0]["error"]["params"]["imei"], MANUAL_IMEI);

    let duplicate = format!("{}/duplicate", devices(MANUAL));
    let (status, record) = post(&p, &t, &duplicate, json!({"imei": MANUAL_IMEI, "terms_accepted": true})).await;
    assert_eq!((status, record["kind"].as_str()), (StatusCode::ACCEPTED, Some("imei_duplicate")));
    p.advance(LATER).await;
    let done = view(&p, &t, MANUAL).await;
    assert_eq!(
        (done["status"].as_str(), done["registered"][0]["duplicate"].as_bool()),
        (Some("registered"), Some(true))
    );
    assert_eq!(history(&done)[0].2, "imei_duplicate_registered");
    assert_eq!(history(&done).len(), 4);
}

#[tokio::test]
async fn the_numbers_state_decides_registering_and_deregistering() {
    let p = Portal::start().await;
    let t = p.admin().await;
    let (status, body) = post(&p, &t, &devices(BLOCKED), json!({"imei": "35967807651154"})).await;
    assert_eq!(
        (status, code(&body), body["reason"].as_str()),
        (StatusCode::CONFLICT, "not_allowed_in_state", Some("imei_needs_active"))
    );
    assert_eq!(body["params"]["state"], "blocked");
    // A blocked number's device can still be deregistered.
    let (status, _) = p.call(Method::DELETE, &format!("{}/86978202212128", devices(BLOCKED)), Some(&t), None).await;
    assert_eq!(status, StatusCode::ACCEPTED);
    p.advance(LATER).await;
    assert_eq!(registered(&view(&p, &t, BLOCKED).await), ["35967807651154"]);
}

#[tokio::test]
async fn another_companys_number_is_not_found_on_every_device_route() {
    let p = Portal::start().await;
    let t = p.admin().await;
    let base = devices(OTHER_COMPANY);
    let calls = [
        (Method::GET, base.clone(), None),
        (Method::POST, base.clone(), Some(json!({"imei": FREE_IMEI}))),
        (Method::POST, format!("{base}/reregister"), Some(reregister_body(FREE_IMEI, "77017770011", "921029350851"))),
        (Method::POST, format!("{base}/duplicate"), Some(json!({"imei": FREE_IMEI, "terms_accepted": true}))),
        (Method::DELETE, format!("{base}/{FREE_IMEI}"), None),
        // Not found comes before the values are checked.
        (Method::POST, base.clone(), Some(json!({"imei": "1"}))),
    ];
    for (method, path, body) in calls {
        let (status, answer) = p.call(method.clone(), &path, Some(&t), body).await;
        assert_eq!((status, code(&answer)), (StatusCode::NOT_FOUND, "not_found"), "{method} {path}");
    }
}

#[tokio::test]
async fn the_openapi_document_covers_the_device_routes() {
    let p = Portal::start().await;
    let (_, doc) = p.call(Method::GET, "/openapi.json", None, None).await;
    let paths = &doc["paths"];
    let ops = [
        ("/api/v1/numbers/{msisdn}/devices", "get"),
        ("/api/v1/numbers/{msisdn}/devices", "post"),
        ("/api/v1/numbers/{msisdn}/devices/reregister", "post"),
        ("/api/v1/numbers/{msisdn}/devices/duplicate", "post"),
        ("/api/v1/numbers/{msisdn}/devices/{imei}", "delete"),
    ];
    for (path, method) in ops {
        assert!(paths[path][method].is_object(), "{method} {path}");
    }
    assert!(doc["components"]["schemas"]["DeviceRegistration"].is_object());
}
