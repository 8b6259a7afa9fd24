//! The published contract: `/openapi.json` describes the API exactly (a client generated from it,
//! or a fuzzer reading it, reaches every handler: every `$ref` resolves, every file is documented
//! with the type it is served as, the Idempotency-Key and the cursor as the server takes them),
//! and every error, from the extractors too, is the documented `{code, message}` JSON.

mod common;

use common::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
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

/// Every `$ref` in `value`, with where it is.
fn refs(value: &Value, at: &str, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(fields) => {
            for (key, v) in fields {
                match (key.as_str(), v) {
                    ("$ref", Value::String(target)) => out.push((at.to_string(), target.clone())),
                    _ => refs(v, &format!("{at}/{key}"), out),
                }
            }
        }
        Value::Array(items) => items.iter().enumerate().for_each(|(i, v)| refs(v, &format!("{at}/{i}"), out)),
        _ => {}
    }
}

#[tokio::test]
async fn every_ref_resolves_inside_the_document() {
    let p = Portal::start().await;
    let doc = spec(&p).await;
    let mut found = Vec::new();
    refs(&doc, "", &mut found);
    assert!(found.len() > 50, "the document refers to its schemas: {}", found.len());
    let dangling: Vec<_> = found
        .iter()
        .filter(|(_, target)| target.strip_prefix('#').and_then(|pointer| doc.pointer(pointer)).is_none())
        .collect();
    assert!(dangling.is_empty(), "refs to nothing: {dangling:#?}");
}

/// The media type of an answer, without parameters (`; charset=utf-8`).
fn media_type(content_type: &str) -> String {
    content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase()
}

/// The media types `op` documents for `status`.
fn documented(op: &Value, status: u16) -> BTreeSet<String> {
    op["responses"][status.to_string()]["content"].as_object().map(|c| c.keys().cloned().collect()).unwrap_or_default()
}

#[tokio::test]
async fn every_answer_is_served_as_the_media_type_documented() {
    use chrono::Datelike;
    use kabinet_protocol::rules::document_months::YearMonth;
    let p = Portal::start().await;
    let doc = spec(&p).await;
    let t = p.admin().await;
    let now = kabinet_protocol::kz::today(p.sandbox.clock().now());
    let month = YearMonth::new(now.year(), now.month()).unwrap().minus(2);
    let (_, accounts) = p.get("/api/v1/companies/1/accounts", &t).await;
    let account = accounts["items"][0]["account"].as_str().unwrap().to_string();
    let accounting = format!("{:02}{:02}-{account}", month.year % 100, month.month);
    // One report of each file type, prepared.
    let mut reports = Vec::new();
    let last_month = YearMonth::new(now.year(), now.month()).unwrap().minus(1);
    for body in [
        json!({"kind": "devices", "email": "buh@kabinet.kz"}),
        json!({"kind": "reconciliation", "email": "buh@kabinet.kz",
            "from": format!("{month}-01"), "to": format!("{month}-02")}),
    ] {
        let (status, record) = p.call(Method::POST, "/api/v1/companies/1/reports", Some(&t), Some(body)).await;
        assert_eq!(status, StatusCode::ACCEPTED, "{record}");
        reports.push(record["id"].as_str().unwrap().to_string());
    }
    p.advance(10).await;

    let number = "77010542007";
    let calls: Vec<(&str, String)> = vec![
        ("/health", "/health".into()),
        ("/sandbox/outbox", "/sandbox/outbox".into()),
        ("/api/v1/profile", "/api/v1/profile".into()),
        ("/api/v1/companies", "/api/v1/companies".into()),
        ("/api/v1/companies/{id}", "/api/v1/companies/1".into()),
        ("/api/v1/companies/{id}/accounts", "/api/v1/companies/1/accounts".into()),
        ("/api/v1/companies/{id}/actions", "/api/v1/companies/1/actions".into()),
        ("/api/v1/companies/{id}/numbers", "/api/v1/companies/1/numbers?limit=2".into()),
        ("/api/v1/companies/{id}/charges", format!("/api/v1/companies/1/charges?from={month}&to={month}&limit=2")),
        (
            "/api/v1/companies/{id}/certificate",
            format!("/api/v1/companies/1/certificate?account={account}&month={month}&format=pdf"),
        ),
        (
            "/api/v1/companies/{id}/certificate",
            format!("/api/v1/companies/1/certificate?account={account}&month={month}&format=xlsx"),
        ),
        (
            "/api/v1/companies/{id}/invoices/register",
            format!("/api/v1/companies/1/invoices/register?from={month}&to={month}"),
        ),
        (
            "/api/v1/companies/{id}/invoices/search",
            format!("/api/v1/companies/1/invoices/search?by=accounting&number={accounting}&year={}", month.year),
        ),
        (
            "/api/v1/companies/{id}/invoices/search",
            format!(
                "/api/v1/companies/1/invoices/search?by=accounting&number={accounting}&year={}&format=xlsx",
                month.year
            ),
        ),
        (
            "/api/v1/companies/{id}/reports/{request_id}/file",
            format!("/api/v1/companies/1/reports/{}/file", reports[0]),
        ),
        (
            "/api/v1/companies/{id}/reports/{request_id}/file",
            format!("/api/v1/companies/1/reports/{}/file", reports[1]),
        ),
        ("/api/v1/requests/{id}", format!("/api/v1/requests/{}", reports[0])),
        ("/api/v1/numbers/{msisdn}", format!("/api/v1/numbers/{number}")),
        ("/api/v1/numbers/{msisdn}/allowances", format!("/api/v1/numbers/{number}/allowances")),
        ("/api/v1/numbers/{msisdn}/devices", format!("/api/v1/numbers/{number}/devices")),
        ("/api/v1/numbers/{msisdn}/forwarding", format!("/api/v1/numbers/{number}/forwarding")),
        ("/api/v1/numbers/{msisdn}/services", format!("/api/v1/numbers/{number}/services")),
        ("/api/v1/numbers/{msisdn}/sim-secrets", format!("/api/v1/numbers/{number}/sim-secrets")),
        (
            "/api/v1/numbers/{msisdn}/usage",
            format!("/api/v1/numbers/{number}/usage?from={last_month}-01&to={last_month}-28"),
        ),
    ];
    // Every read of the document is called here, so none can be left undocumented.
    let called: BTreeSet<&str> = calls.iter().map(|(path, _)| *path).collect();
    let reads: BTreeSet<String> =
        operations(&doc).into_iter().filter(|(_, method, _)| method == "get").map(|(path, _, _)| path).collect();
    let missing: Vec<_> = reads.iter().filter(|path| !called.contains(path.as_str())).collect();
    assert!(missing.is_empty(), "reads this test does not call: {missing:?}");

    let mut served: BTreeSet<(String, String)> = BTreeSet::new();
    let mut wrong = Vec::new();
    for (path, url) in &calls {
        let (status, content_type, _, bytes) = p.download(url, &t).await;
        let op = &doc["paths"][*path]["get"];
        let types = documented(op, status.as_u16());
        let got = media_type(&content_type);
        if !status.is_success() {
            wrong.push(format!("GET {url}: {status} {}", String::from_utf8_lossy(&bytes)));
        } else if !types.contains(&got) {
            wrong.push(format!("GET {url}: served {got}, documented {types:?}"));
        }
        served.insert((path.to_string(), got));
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
    // And every type documented for a read's success is one it serves.
    for path in &reads {
        for documented_type in documented(&doc["paths"][path.as_str()]["get"], 200) {
            assert!(
                served.contains(&(path.clone(), documented_type.clone())),
                "GET {path} documents {documented_type}, never served"
            );
        }
    }
}

#[tokio::test]
async fn the_idempotency_key_and_the_cursor_are_described_as_the_server_takes_them() {
    use kabinet_protocol::api::IDEMPOTENCY_KEY_MAX_LEN;
    let p = Portal::start().await;
    let doc = spec(&p).await;
    let key_schemas: Vec<Value> = operations(&doc)
        .iter()
        .flat_map(|(_, _, op)| op["parameters"].as_array().cloned().unwrap_or_default())
        .filter(|param| param["name"] == "Idempotency-Key")
        .map(|param| param["schema"].clone())
        .collect();
    assert!(key_schemas.len() > 20, "{}", key_schemas.len());
    let pattern = key_schemas[0]["pattern"].as_str().expect("the key's pattern").to_string();
    for schema in &key_schemas {
        assert_eq!(schema["minLength"], 1, "{schema}");
        assert_eq!(schema["maxLength"], IDEMPOTENCY_KEY_MAX_LEN, "{schema}");
        assert_eq!(schema["pattern"], pattern.as_str(), "{schema}");
    }
    let pattern = regex::Regex::new(&pattern).unwrap();
    // What the server takes and refuses, by the document's rule.
    let t = p.admin().await;
    for (key, taken) in [
        ("k".to_string(), true),
        ("a key with spaces inside".to_string(), true),
        ("x".repeat(IDEMPOTENCY_KEY_MAX_LEN), true),
        ("x".repeat(IDEMPOTENCY_KEY_MAX_LEN + 1), false),
        (String::new(), false),
        ("   ".to_string(), false),
        ("ключ".to_string(), false),
        ("a\tkey".to_string(), false),
    ] {
        let documented = pattern.is_match(&key) && (1..=IDEMPOTENCY_KEY_MAX_LEN).contains(&key.len());
        let body = json!({"display_name": "Office"});
        let (status, answer) =
            p.call_with_key(Method::PUT, "/api/v1/companies/1/display-name", Some(&t), Some(body), &key).await;
        let refused = status == StatusCode::BAD_REQUEST && code(&answer) == "idempotency_key_required";
        assert_eq!((documented, !refused), (taken, taken), "key {key:?}: {status} {answer}");
    }

    let cursor = doc["paths"]["/api/v1/companies/{id}/numbers"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|param| param["name"] == "cursor")
        .unwrap()["schema"]
        .clone();
    let pattern = regex::Regex::new(cursor["pattern"].as_str().expect("the cursor's pattern")).unwrap();
    let (_, page) = p.get("/api/v1/companies/1/numbers?limit=2", &t).await;
    let next = page["next_cursor"].as_str().unwrap().to_string();
    for (cursor, taken) in [(next.as_str(), true), ("", false), ("yesterday|77010542007", false), ("|", false)] {
        let url = format!("/api/v1/companies/1/numbers?limit=2&cursor={}", cursor.replace('|', "%7C"));
        let (status, answer) = p.get(&url, &t).await;
        assert_eq!((pattern.is_match(cursor), status.is_success()), (taken, taken), "cursor {cursor:?}: {answer}");
    }
}

#[tokio::test]
async fn a_month_is_described_as_the_server_reads_one() {
    let p = Portal::start().await;
    let doc = spec(&p).await;
    let t = p.admin().await;
    let params = doc["paths"]["/api/v1/companies/{id}/invoices/register"]["get"]["parameters"].as_array().unwrap();
    let from = params.iter().find(|param| param["name"] == "from").unwrap();
    let pattern = regex::Regex::new(from["schema"]["pattern"].as_str().expect("the month's pattern")).unwrap();
    for month in ["0000-01", "2026-13", "2026-00", "+202-01", "-202-01", "2026-1", "2026-011", " 2026-01"] {
        assert!(!pattern.is_match(month), "{month:?} is described as a month");
        let url = format!("/api/v1/companies/1/invoices/register?from={}&to=2026-01", month.replace('+', "%2B"));
        let (status, body) = p.get(&url, &t).await;
        assert_eq!((status, body["field"].as_str()), (StatusCode::BAD_REQUEST, Some("from")), "{month:?}: {body}");
    }
    for month in ["2026-01", "0001-12", "1999-10"] {
        assert!(pattern.is_match(month), "{month:?} is a month");
    }
}

/// Every (property name, pattern) pair of the document's schemas.
fn property_patterns(value: &Value, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::Object(props)) = map.get("properties") {
                for (name, schema) in props {
                    if let Some(pattern) = schema["pattern"].as_str() {
                        out.push((name.clone(), pattern.to_string()));
                    }
                }
            }
            map.values().for_each(|v| property_patterns(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| property_patterns(v, out)),
        _ => {}
    }
}

#[tokio::test]
async fn body_patterns_are_the_domain_rules_patterns_and_the_server_takes_what_they_match() {
    use kabinet_protocol::domain::{Email, IinBin, Imei, Phone};
    let p = Portal::start().await;
    let mut patterns = Vec::new();
    property_patterns(&spec(&p).await, &mut patterns);
    let expected = |name: &str| match name {
        "imei" => Some(Imei::PATTERN),
        "phone" | "msisdn" | "previous_owner_msisdn" => Some(Phone::PATTERN),
        "previous_owner_iin" => Some(IinBin::PATTERN),
        "email" => Some(Email::PATTERN),
        _ => None,
    };
    let mut seen = BTreeSet::new();
    for (name, pattern) in &patterns {
        if let Some(want) = expected(name) {
            assert_eq!(pattern, want, "the pattern of {name}");
            seen.insert(name.as_str());
        }
    }
    assert!(["imei", "phone", "previous_owner_iin", "email"].iter().all(|n| seen.contains(n)), "{seen:?}");
    // Strings the e-mail pattern matches are addresses the portal takes, and the reverse for
    // what it does not match.
    let email = regex::Regex::new(Email::PATTERN).unwrap();
    for (raw, ok) in [("a@b.kz", true), ("name.surname+tag@mail-1.company.kz", true), ("a@b", false), ("@b.kz", false)]
    {
        assert_eq!(email.is_match(raw), ok, "{raw}");
        assert_eq!(Email::parse(raw).is_ok(), ok, "{raw}");
    }
}
