//! Call forwarding over HTTP: the shared target and delay rule (errors naming the field), set,
//! replace and switch off, the history, and 404 for another company's number on every route of
//! forwarding and the secret code.

mod common;

use common::*;
use reqwest::{Method, StatusCode};
use serde_json::json;

const MANUAL: &str = "77010542007";
/// A number of a company the demo administrator is not granted.
const OTHERS: &str = "77754100000";

fn path(kind: &str) -> String {
    format!("/api/v1/numbers/{MANUAL}/forwarding/{kind}")
}

#[tokio::test]
async fn a_target_that_is_no_phone_number_is_refused_by_its_field() {
    let p = Portal::start().await;
    let t = p.admin().await;
    for bad in ["12345", "+0049 151", "79161234567", "call me", ""] {
        let (status, body) = p.call(Method::PUT, &path("busy"), Some(&t), Some(json!({"target": bad}))).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad:?}: {body}");
        assert_eq!((code(&body), body["field"].as_str()), ("invalid_phone", Some("target")), "{bad:?}");
        assert_eq!(body["reason"], "forward_target_invalid");
    }
    let (status, body) =
        p.call(Method::PUT, &path("busy"), Some(&t), Some(json!({"target": "+7 701 054 20 07"}))).await;
    assert_eq!((status, body["reason"].as_str()), (StatusCode::BAD_REQUEST, Some("forward_to_itself")));
    let (_, list) = p.get(&format!("/api/v1/numbers/{MANUAL}/forwarding"), &t).await;
    assert_eq!(list["items"], json!([]), "nothing was set");
}

#[tokio::test]
async fn the_no_answer_delay_is_5_to_30_seconds_and_for_no_answer_only() {
    let p = Portal::start().await;
    let t = p.admin().await;
    for delay in [0, 4, 31, 120] {
        let body = json!({"target": "77012115526", "delay_s": delay});
        let (status, body) = p.call(Method::PUT, &path("no_answer"), Some(&t), Some(body)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{delay}: {body}");
        assert_eq!((body["field"].as_str(), body["reason"].as_str()), (Some("delay_s"), Some("forward_delay_range")));
        assert_eq!((body["params"]["min"].as_str(), body["params"]["max"].as_str()), (Some("5"), Some("30")));
    }
    let body = json!({"target": "77012115526", "delay_s": 10});
    let (status, body) = p.call(Method::PUT, &path("busy"), Some(&t), Some(body)).await;
    assert_eq!((status, body["field"].as_str()), (StatusCode::BAD_REQUEST, Some("delay_s")));
    let (status, body) =
        p.call(Method::PUT, &path("sometimes"), Some(&t), Some(json!({"target": "77012115526"}))).await;
    assert_eq!((status, body["field"].as_str()), (StatusCode::BAD_REQUEST, Some("kind")));
}

#[tokio::test]
async fn forwardings_are_set_replaced_and_switched_off_and_written_to_the_history() {
    let p = Portal::start().await;
    let t = p.admin().await;
    let body = json!({"target": "8 (701) 211-55-26", "delay_s": 15});
    let (status, list) = p.call(Method::PUT, &path("no_answer"), Some(&t), Some(body)).await;
    assert_eq!(status, StatusCode::OK, "{list}");
    let (status, list) =
        p.call(Method::PUT, &path("unconditional"), Some(&t), Some(json!({"target": "+49 151 1234 5678"}))).await;
    assert_eq!(status, StatusCode::OK, "{list}");
    let items = list["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(
        (items[0]["kind"].as_str(), items[0]["target"].as_str()),
        (Some("unconditional"), Some("+4915112345678"))
    );
    assert!(items[0].get("delay_s").is_none());
    assert_eq!((items[1]["kind"].as_str(), items[1]["target"].as_str()), (Some("no_answer"), Some("77012115526")));
    assert_eq!(items[1]["delay_s"], 15);

    // Replaced; the default delay when none is given.
    let (_, list) = p.call(Method::PUT, &path("no_answer"), Some(&t), Some(json!({"target": "77272500000"}))).await;
    assert_eq!(
        (list["items"][1]["target"].as_str(), list["items"][1]["delay_s"].as_u64()),
        (Some("77272500000"), Some(20))
    );

    let (status, list) = p.call(Method::DELETE, &path("unconditional"), Some(&t), None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
    let (_, read) = p.get(&format!("/api/v1/numbers/{MANUAL}/forwarding"), &t).await;
    assert_eq!(read, list);
    let (status, body) = p.call(Method::DELETE, &path("unconditional"), Some(&t), None).await;
    assert_eq!((status, body["reason"].as_str()), (StatusCode::CONFLICT, Some("forwarding_not_set")));

    let (_, history) = p.get("/api/v1/companies/1/actions", &t).await;
    let rows: Vec<(String, String)> = history["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["msisdn"] == MANUAL)
        .map(|a| (a["action"].as_str().unwrap().to_string(), a["status"].as_str().unwrap().to_string()))
        .collect();
    let row = |a: &str, s: &str| (a.to_string(), s.to_string());
    assert_eq!(
        rows[..5],
        [
            row("Call forwarding off: unconditional", "Refused"),
            row("Call forwarding off: unconditional", "Success"),
            row("Call forwarding set: no_answer", "Success"),
            row("Call forwarding set: unconditional", "Success"),
            row("Call forwarding set: no_answer", "Success"),
        ]
    );
}

#[tokio::test]
async fn the_demo_has_a_forwarding_set() {
    let p = Portal::start().await;
    let t = p.admin().await;
    let (_, list) = p.get("/api/v1/numbers/77012115526/forwarding", &t).await;
    assert_eq!(list["items"][0]["kind"], "unreachable");
    assert_eq!(list["items"][0]["target"], "77272500000");
}

#[tokio::test]
async fn another_companys_number_is_not_found_on_every_new_route() {
    let p = Portal::start().await;
    let t = p.admin().await;
    let number = format!("/api/v1/numbers/{OTHERS}");
    let routes = [
        (Method::GET, format!("{number}/forwarding"), None),
        (Method::PUT, format!("{number}/forwarding/busy"), Some(json!({"target": "77012115526"}))),
        // Even an invalid target: the number is checked first.
        (Method::PUT, format!("{number}/forwarding/busy"), Some(json!({"target": "x"}))),
        (Method::DELETE, format!("{number}/forwarding/busy"), None),
        (Method::POST, format!("{number}/secret-code"), None),
        (Method::DELETE, format!("{number}/secret-code"), None),
    ];
    for (method, path, body) in routes {
        let (status, answer) = p.call(method.clone(), &path, Some(&t), body).await;
        assert_eq!((status, code(&answer)), (StatusCode::NOT_FOUND, "not_found"), "{method} {path}");
    }
    assert!(p.outbox(OTHERS).await.is_empty(), "no code was sent");
}

#[tokio::test]
async fn the_openapi_document_covers_the_new_routes() {
    let p = Portal::start().await;
    let (_, doc) = p.call(Method::GET, "/openapi.json", None, None).await;
    let paths = &doc["paths"];
    for (path, methods) in [
        ("/api/v1/numbers/{msisdn}/forwarding", &["get"][..]),
        ("/api/v1/numbers/{msisdn}/forwarding/{kind}", &["put", "delete"][..]),
        ("/api/v1/numbers/{msisdn}/secret-code", &["post", "delete"][..]),
        ("/api/v1/auth/code-login", &["post"][..]),
    ] {
        for method in methods {
            assert!(paths[path][method].is_object(), "{method} {path}");
        }
    }
    let forbidden = &paths["/api/v1/numbers/{msisdn}/forwarding/{kind}"]["put"]["responses"]["403"];
    assert!(forbidden["description"].as_str().unwrap().contains("forbidden"));
}
