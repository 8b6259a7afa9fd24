//! The secret code over HTTP: sent by SMS to the number (the outbox), kept as a hash only, the
//! employee's session that reads its one number and changes nothing, replacing and deleting.

mod common;

use common::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

const MANUAL: &str = "77010542007";
/// Another number of the same company.
const SAME_COMPANY: &str = "77012115526";
/// A number of a company the demo administrator is not granted.
const OTHERS: &str = "77754100000";

fn code_path(msisdn: &str) -> String {
    format!("/api/v1/numbers/{msisdn}/secret-code")
}

/// Sends a code to the number; the code from its SMS.
async fn send(p: &Portal, admin: &str, msisdn: &str) -> (Value, String) {
    let (status, body) = p.call(Method::POST, &code_path(msisdn), Some(admin), None).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let sms = p.outbox(msisdn).await;
    let text = sms.first().expect("an SMS to the number")["body"].as_str().unwrap().to_string();
    let code = text.split(|c: char| !c.is_ascii_digit()).find(|w| w.len() == 8).expect("an 8-digit code").to_string();
    (body, code)
}

async fn code_login(p: &Portal, msisdn: &str, code: &str) -> (StatusCode, Value) {
    p.call(Method::POST, "/api/v1/auth/code-login", None, Some(json!({"msisdn": msisdn, "code": code}))).await
}

async fn holder(p: &Portal, msisdn: &str, code: &str) -> String {
    let (status, body) = code_login(p, msisdn, code).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["msisdn"], msisdn);
    body["token"].as_str().unwrap().to_string()
}

fn usage_path(msisdn: &str) -> String {
    let today = kabinet_protocol::kz::today(chrono::Utc::now());
    format!("/api/v1/numbers/{msisdn}/usage?from={}&to={today}", today - chrono::Duration::days(5))
}

#[tokio::test]
async fn the_code_goes_to_the_number_by_sms_and_never_to_the_administrator() {
    let p = Portal::start().await;
    let t = p.admin().await;
    let (sent, code) = send(&p, &t, MANUAL).await;
    assert_eq!((sent["msisdn"].as_str(), sent["replaced"].as_bool()), (Some(MANUAL), Some(false)));
    assert!(!sent.to_string().contains(&code), "the answer carries no code: {sent}");
    let sms = &p.outbox(MANUAL).await[0];
    assert_eq!(sms["channel"], "sms");
    let (_, history) = p.get("/api/v1/companies/1/actions", &t).await;
    assert_eq!(
        (history["items"][0]["action"].as_str(), history["items"][0]["status"].as_str()),
        (Some("Secret code sent"), Some("Success"))
    );
}

#[tokio::test]
async fn the_code_is_not_stored_in_plaintext() {
    let p = Portal::start().await;
    let t = p.admin().await;
    let (_, code) = send(&p, &t, MANUAL).await;
    holder(&p, MANUAL, &code).await;
    let mut found = Vec::new();
    for entry in std::fs::read_dir(p.data_dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            let bytes = std::fs::read(&path).unwrap();
            if bytes.windows(code.len()).any(|w| w == code.as_bytes()) {
                found.push(path);
            }
        }
    }
    assert!(found.is_empty(), "the code {code} is in {found:?}");
    // What is kept is an Argon2 hash.
    let url = format!("sqlite://{}", p.data_dir().join("portal.sqlite").display());
    let mut conn = <sqlx::SqliteConnection as sqlx::Connection>::connect(&url).await.unwrap();
    let hash: String = sqlx::query_scalar("SELECT code_hash FROM secret_codes WHERE msisdn = ?")
        .bind(MANUAL)
        .fetch_one(&mut conn)
        .await
        .unwrap();
    assert!(hash.starts_with("$argon2"), "{hash}");
}

#[tokio::test]
async fn a_code_holder_reads_its_number_and_changes_nothing() {
    let p = Portal::start().await;
    let t = p.admin().await;
    let (_, secret) = send(&p, &t, MANUAL).await;
    let h = holder(&p, MANUAL, &secret).await;

    let number = format!("/api/v1/numbers/{MANUAL}");
    for read in [
        number.clone(),
        format!("{number}/allowances"),
        format!("{number}/services"),
        format!("{number}/forwarding"),
        usage_path(MANUAL),
    ] {
        let (status, body) = p.get(&read, &h).await;
        assert_eq!(status, StatusCode::OK, "{read}: {body}");
    }
    let (_, detail) = p.get(&number, &h).await;
    assert_eq!(detail["summary"]["msisdn"], MANUAL);

    // Any change: 403 forbidden, and nothing changed.
    let changes = [
        (Method::POST, format!("{number}/services/landline-10"), None),
        (Method::DELETE, format!("{number}/services/landline-10"), None),
        (Method::POST, format!("{number}/block"), None),
        (Method::PUT, format!("{number}/forwarding/busy"), Some(json!({"target": "77012115526"}))),
        (Method::DELETE, format!("{number}/forwarding/busy"), None),
        (Method::POST, format!("{number}/secret-code"), None),
        (Method::DELETE, format!("{number}/secret-code"), None),
        (Method::PUT, "/api/v1/companies/1/display-name".to_string(), Some(json!({"display_name": "Mine"}))),
    ];
    for (method, path, body) in changes {
        let (status, answer) = p.call(method.clone(), &path, Some(&h), body).await;
        assert_eq!((status, code(&answer)), (StatusCode::FORBIDDEN, "forbidden"), "{method} {path}: {answer}");
        assert_eq!(answer["reason"], "code_holder_read_only");
    }
    let (_, services) = p.get(&format!("{number}/services"), &t).await;
    assert!(!services["activated"].to_string().contains("landline-10"));
    let (_, detail) = p.get(&number, &t).await;
    assert_eq!(detail["summary"]["state"], "active");

    // Nothing but its number: another number, another company's, the companies, PIN/PUK.
    for other in [
        format!("/api/v1/numbers/{SAME_COMPANY}"),
        format!("/api/v1/numbers/{SAME_COMPANY}/allowances"),
        usage_path(SAME_COMPANY),
        format!("/api/v1/numbers/{OTHERS}"),
        usage_path(OTHERS),
        format!("{number}/sim-secrets"),
        "/api/v1/companies".to_string(),
        "/api/v1/companies/1/numbers".to_string(),
        "/api/v1/companies/1/actions".to_string(),
        "/api/v1/profile".to_string(),
    ] {
        let (status, body) = p.get(&other, &h).await;
        assert_eq!((status, code(&body)), (StatusCode::NOT_FOUND, "not_found"), "{other}: {body}");
    }

    // It may end its own session.
    let (status, _) = p.call(Method::POST, "/api/v1/auth/logout", Some(&h), None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(p.get(&number, &h).await.0, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_new_code_replaces_the_old_one_and_deleting_ends_its_sessions() {
    let p = Portal::start().await;
    let t = p.admin().await;
    let (_, first) = send(&p, &t, MANUAL).await;
    let old_session = holder(&p, MANUAL, &first).await;
    let (sent, second) = send(&p, &t, MANUAL).await;
    assert_eq!(sent["replaced"], true);
    let number = format!("/api/v1/numbers/{MANUAL}");
    assert_eq!(p.get(&number, &old_session).await.0, StatusCode::UNAUTHORIZED, "the old code's session ended");
    if first != second {
        assert_eq!(code_login(&p, MANUAL, &first).await.0, StatusCode::UNAUTHORIZED, "the old code is void");
    }
    let session = holder(&p, MANUAL, &second).await;
    // The code is for its number only.
    assert_eq!(code_login(&p, SAME_COMPANY, &second).await.0, StatusCode::UNAUTHORIZED);

    let (status, deleted) = p.call(Method::DELETE, &code_path(MANUAL), Some(&t), None).await;
    assert_eq!(status, StatusCode::OK, "{deleted}");
    assert_eq!(deleted["sessions_ended"], 1);
    assert_eq!(p.get(&number, &session).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(code_login(&p, MANUAL, &second).await.0, StatusCode::UNAUTHORIZED);
    let (status, again) = p.call(Method::DELETE, &code_path(MANUAL), Some(&t), None).await;
    assert_eq!((status, again["reason"].as_str()), (StatusCode::CONFLICT, Some("no_secret_code")));

    let (_, history) = p.get("/api/v1/companies/1/actions", &t).await;
    let actions: Vec<&str> =
        history["items"].as_array().unwrap().iter().take(4).map(|a| a["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["Secret code deleted", "Secret code deleted", "Secret code sent", "Secret code sent"]);
}

#[tokio::test]
async fn five_wrong_codes_in_a_row_void_the_code() {
    let p = Portal::start_with(|c| c.rules.failed_signin_delay = std::time::Duration::ZERO).await;
    let t = p.admin().await;
    let (_, code) = send(&p, &t, MANUAL).await;
    let wrong = if code == "00000000" { "11111111" } else { "00000000" };
    for _ in 0..5 {
        let (status, body) = code_login(&p, MANUAL, wrong).await;
        assert_eq!((status, code_str(&body)), (StatusCode::UNAUTHORIZED, "invalid_credentials".to_string()));
    }
    assert_eq!(code_login(&p, MANUAL, &code).await.0, StatusCode::UNAUTHORIZED, "the code was voided");
    let (status, body) = code_login(&p, "12345", &code).await;
    assert_eq!((status, body["field"].as_str()), (StatusCode::BAD_REQUEST, Some("msisdn")));
}

fn code_str(body: &Value) -> String {
    code(body).to_string()
}
