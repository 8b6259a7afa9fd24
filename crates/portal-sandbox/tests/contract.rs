//! The published contract: `/openapi.json` describes the API exactly (a client generated from it,
//! or a fuzzer reading it, reaches every handler), and every error, from the extractors too, is
//! the documented `{code, message}` JSON.

mod common;

use common::*;
use reqwest::{Method, StatusCode};
use serde_json::Value;
use std::collections::BTreeSet;

async fn spec(p: &Portal) -> Value {
    let (status, doc) = p.call(Method::GET, "/openapi.json", None, None).await;
    assert_eq!(status, StatusCode::OK);
    doc
}

/// `(path, method, operation)` for every operation of the document.
fn operations(doc: &Value) -> Vec<(String, String, Value)> {
    let mut out = Vec::new();
    for (path, ops) in doc["paths"].as_object().unwrap() {
        for (method, op) in ops.as_object().unwrap() {
            out.push((path.clone(), method.clone(), op.clone()));
        }
    }
    out
}

fn path_names(path: &str) -> BTreeSet<String> {
    path.split('/').filter_map(|s| s.strip_prefix('{')?.strip_suffix('}')).map(str::to_string).collect()
}

fn parameters(op: &Value) -> Vec<(String, String, bool)> {
    op["parameters"]
        .as_array()
        .map(|ps| {
            ps.iter()
                .map(|p| {
                    (
                        p["name"].as_str().unwrap().to_string(),
                        p["in"].as_str().unwrap().to_string(),
                        p["required"].as_bool().unwrap_or(false),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn openapi_parameters_are_declared_where_the_routes_read_them() {
    let p = Portal::start().await;
    let doc = spec(&p).await;
    let mut wrong = Vec::new();
    for (path, method, op) in operations(&doc) {
        let in_path = path_names(&path);
        let mut declared_in_path = BTreeSet::new();
        for (name, location, required) in parameters(&op) {
            match location.as_str() {
                "path" if in_path.contains(&name) && required => {
                    declared_in_path.insert(name);
                }
                "query" | "header" if !in_path.contains(&name) => {}
                _ => wrong.push(format!("{method} {path}: {name} declared in {location} (required: {required})")),
            }
        }
        if declared_in_path != in_path {
            wrong.push(format!("{method} {path}: path parameters {in_path:?}, declared {declared_in_path:?}"));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");

    // The query parameters a client needs are there, as query parameters.
    for (path, names) in [
        ("/api/v1/companies/{id}/numbers", &["cursor", "limit", "updated_since"][..]),
        ("/api/v1/numbers/{msisdn}/usage", &["from", "to", "kind"][..]),
        ("/api/v1/companies/{id}/actions", &["from", "to"][..]),
        ("/sandbox/outbox", &["recipient"][..]),
    ] {
        let query: BTreeSet<String> = parameters(&doc["paths"][path]["get"])
            .into_iter()
            .filter(|(_, location, _)| location == "query")
            .map(|(name, _, _)| name)
            .collect();
        for name in names {
            assert!(query.contains(*name), "GET {path}: {name} is not a query parameter ({query:?})");
        }
    }
    let limit = doc["paths"]["/api/v1/companies/{id}/numbers"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "limit")
        .unwrap()["schema"]
        .clone();
    assert_eq!((limit["minimum"].as_f64(), limit["maximum"].as_f64()), (Some(1.0), Some(5000.0)), "{limit}");
}

#[tokio::test]
async fn openapi_documents_idempotency_and_session_errors_on_every_route() {
    let p = Portal::start().await;
    let doc = spec(&p).await;
    let mut missing = Vec::new();
    let described = |op: &Value, status: &str, code: &str| {
        op["responses"][status]["description"].as_str().is_some_and(|d| d.contains(code))
    };
    for (path, method, op) in operations(&doc).into_iter().filter(|(path, _, _)| path.starts_with("/api/v1")) {
        let read_only = op["x-read-only"] == true;
        if read_only && parameters(&op).iter().any(|(n, _, r)| n == "Idempotency-Key" && *r) {
            missing.push(format!("{method} {path}: a read-only operation requires an Idempotency-Key"));
        }
        if matches!(method.as_str(), "post" | "put" | "patch" | "delete") && !read_only {
            if !parameters(&op).iter().any(|(n, l, r)| n == "Idempotency-Key" && l == "header" && *r) {
                missing.push(format!("{method} {path}: Idempotency-Key header"));
            }
            if !described(&op, "400", "idempotency_key_required") {
                missing.push(format!("{method} {path}: 400 idempotency_key_required"));
            }
            if !described(&op, "422", "idempotency_key_reused") {
                missing.push(format!("{method} {path}: 422 idempotency_key_reused"));
            }
        }
        let signed_in = op["security"].as_array().is_some_and(|s| !s.is_empty());
        if signed_in && !described(&op, "401", "session_expired") {
            missing.push(format!("{method} {path}: 401 session_expired"));
        }
    }
    assert!(missing.is_empty(), "{missing:#?}");
}

/// A raw request (no helper fixing it up), answered as `(status, content-type, body)`.
async fn raw(req: reqwest::RequestBuilder) -> (StatusCode, String, Value) {
    let resp = req.send().await.unwrap();
    let status = resp.status();
    let content_type = resp.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    let text = resp.text().await.unwrap();
    (status, content_type, serde_json::from_str(&text).unwrap_or(Value::String(text)))
}

fn assert_error(answer: (StatusCode, String, Value), status: StatusCode, code: &str, mentions: &str) {
    let (got, content_type, body) = answer;
    assert_eq!(got, status, "{body}");
    assert!(content_type.starts_with("application/json"), "content-type {content_type}: {body}");
    assert_eq!(body["code"], code, "{body}");
    let message = body["message"].as_str().unwrap_or_default();
    assert!(message.contains(mentions), "{message:?} should name {mentions:?}");
}

#[tokio::test]
async fn bad_path_query_and_body_values_answer_in_the_error_shape() {
    let p = Portal::start().await;
    let t = p.admin().await;
    let get = |path: &str| p.http.get(p.url(path)).bearer_auth(&t);

    let bad = StatusCode::BAD_REQUEST;
    assert_error(raw(get("/api/v1/companies/abc")).await, bad, "invalid_input", "id");
    assert_error(raw(get("/api/v1/companies/1/numbers?limit=lots")).await, bad, "invalid_input", "limit");
    assert_error(
        raw(get("/api/v1/companies/1/numbers?updated_since=yesterday")).await,
        bad,
        "invalid_input",
        "updated_since",
    );
    let usage = "/api/v1/numbers/77010542007/usage";
    assert_error(raw(get(&format!("{usage}?from=2026-13-01&to=2026-10-31"))).await, bad, "invalid_input", "from");
    assert_error(raw(get(&format!("{usage}?from=2026-10-01"))).await, bad, "invalid_input", "to");
    assert_error(
        raw(get(&format!("{usage}?from=2026-10-01&to=2026-10-31&kind=telepathy"))).await,
        bad,
        "invalid_input",
        "kind",
    );
    assert_error(raw(get("/api/v1/companies/1/actions?from=monday")).await, bad, "invalid_input", "from");

    let put = |key: &str, body: &'static str| {
        p.http
            .put(p.url("/api/v1/companies/1/display-name"))
            .bearer_auth(&t)
            .header("Idempotency-Key", key)
            .header("content-type", "application/json")
            .body(body)
    };
    assert_error(raw(put("not-json", "{not json")).await, bad, "invalid_input", "body");
    assert_error(raw(put("wrong-type", r#"{"display_name": 5}"#)).await, bad, "invalid_input", "display_name");
    let no_type = p
        .http
        .put(p.url("/api/v1/companies/1/display-name"))
        .bearer_auth(&t)
        .header("Idempotency-Key", "no-type")
        .body(r#"{"display_name": "x"}"#);
    assert_error(raw(no_type).await, bad, "invalid_input", "Content-Type");
}

#[tokio::test]
async fn a_method_a_route_does_not_have_answers_405_in_the_error_shape() {
    let p = Portal::start().await;
    let t = p.admin().await;
    let answer = raw(p.http.delete(p.url("/api/v1/companies")).bearer_auth(&t).header("Idempotency-Key", "m")).await;
    assert_error(answer, StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed", "DELETE");
    let answer = raw(p.http.get(p.url("/api/v1/auth/login"))).await;
    assert_error(answer, StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed", "GET");
    let answer = raw(p.http.put(p.url("/health"))).await;
    assert_error(answer, StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed", "PUT");
}
