//! Issue 15, items 2 and 3, over real HTTP: what the database holds of a short code or of PIN/PUK
//! is useless without the portal's key, which is not in the database; and the current password
//! of a password change cannot be guessed without limit.

mod common;

use common::*;
use portal_sandbox::Config;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

fn sha256_hex(value: &[u8]) -> String {
    Sha256::digest(value).iter().map(|b| format!("{b:02x}")).collect()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

async fn db(dir: &std::path::Path) -> sqlx::SqliteConnection {
    let url = format!("sqlite://{}?mode=ro", dir.join("portal.sqlite").display());
    <sqlx::SqliteConnection as sqlx::Connection>::connect(&url).await.unwrap()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The portal's key, from its own file; asserted to be in none of the database's files.
fn key_outside_the_database(dir: &std::path::Path) -> Vec<u8> {
    let key = std::fs::read(dir.join("portal.key")).expect("the portal keeps its key in portal.key");
    assert!(key.len() >= 32, "a 256-bit key at least: {} bytes", key.len());
    for name in ["portal.sqlite", "portal.sqlite-wal", "portal.sqlite-shm"] {
        let bytes = std::fs::read(dir.join(name)).unwrap_or_default();
        assert!(!contains(&bytes, &key), "the key is in {name}");
        assert!(!contains(&bytes, hex(&key).as_bytes()), "the key (hex) is in {name}");
    }
    key
}

#[tokio::test]
async fn a_stored_recovery_code_is_not_found_by_trying_every_code() {
    let p = Portal::start().await;
    let ticket = p.start_recovery(ADMIN).await;
    let id = ticket["recovery_id"].as_str().unwrap();
    let code = p.last_code(ADMIN).await;
    let stored: String = sqlx::query_scalar("SELECT code_hash FROM recoveries WHERE id = ?")
        .bind(id)
        .fetch_one(&mut db(p.data_dir()).await)
        .await
        .unwrap();
    // What took 1.5 s before: every six-digit code, hashed as the database would have it.
    let found = (0..1_000_000u32).map(|n| format!("{n:06}")).find(|c| sha256_hex(c.as_bytes()) == stored);
    assert_eq!(found, None, "the stored value gives the code away (the code sent: {code})");
    assert_ne!(stored, sha256_hex(code.as_bytes()));
    key_outside_the_database(p.data_dir());
    // The code still works, once.
    let (status, body) = p.verify(id, &code).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

/// PIN/PUK of `msisdn` as served, and the ICCID of its SIM as stored.
async fn sim_secrets(p: &Portal, token: &str, msisdn: &str) -> (Value, String) {
    let (status, codes) = p.get(&format!("/api/v1/numbers/{msisdn}/sim-secrets"), token).await;
    assert_eq!(status, StatusCode::OK, "{codes}");
    let iccid: String = sqlx::query_scalar("SELECT iccid FROM numbers WHERE msisdn = ?")
        .bind(msisdn)
        .fetch_one(&mut db(p.data_dir()).await)
        .await
        .unwrap();
    (codes, iccid)
}

/// A number of the demo company other than the manual's (whose codes the manual prints).
async fn some_number(p: &Portal, token: &str) -> String {
    let (status, page) = p.get("/api/v1/companies/1/numbers?limit=5", token).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let items = page["items"].as_array().unwrap();
    let msisdn = items.iter().map(|n| n["msisdn"].as_str().unwrap()).find(|m| *m != "77010542007").unwrap();
    msisdn.to_string()
}

#[tokio::test]
async fn pin_and_puk_cannot_be_computed_from_the_database() {
    let p = Portal::start().await;
    let token = p.admin().await;
    let msisdn = some_number(&p, &token).await;
    let (codes, iccid) = sim_secrets(&p, &token, &msisdn).await;
    // The derivation everyone could compute from the stored ICCID.
    let digits: String = sha256_hex(format!("kabinet-sandbox-sim:{iccid}").as_bytes())
        .bytes()
        .map(|b| char::from(b'0' + b % 10))
        .collect();
    assert_ne!(codes["pin1"], digits[0..4], "PIN1 follows from the ICCID alone");
    assert_ne!(codes["puk1"], digits[8..16], "PUK1 follows from the ICCID alone");
    key_outside_the_database(p.data_dir());

    // The same data with another key: other codes for the same SIM.
    let other = Portal::start().await;
    let other_token = other.admin().await;
    let (other_codes, other_iccid) = sim_secrets(&other, &other_token, &msisdn).await;
    assert_eq!(iccid, other_iccid, "the same seeded SIM");
    assert_ne!(codes, other_codes, "the codes depend on the portal's key");

    // The same portal after a restart (the same key file): the same codes.
    let dir = tempfile::tempdir().unwrap();
    let start = || portal_sandbox::start(Config::demo("127.0.0.1:0".parse().unwrap(), dir.path().into()));
    let first = start().await.unwrap();
    let before = codes_at(&first.url(), &msisdn).await;
    first.shutdown().await;
    let second = start().await.unwrap();
    assert_eq!(codes_at(&second.url(), &msisdn).await, before, "a restart keeps the SIM's codes");
    second.shutdown().await;
}

/// Signs in at the sandbox at `url` and reads the PIN/PUK of `msisdn`.
async fn codes_at(url: &str, msisdn: &str) -> Value {
    let http = reqwest::Client::new();
    let login = http
        .post(format!("{url}api/v1/auth/login"))
        .header("Idempotency-Key", uuid::Uuid::new_v4().to_string())
        .json(&json!({"phone": ADMIN, "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    let token: Value = login.json().await.unwrap();
    let codes = http
        .get(format!("{url}api/v1/numbers/{msisdn}/sim-secrets"))
        .bearer_auth(token["token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    codes.json().await.unwrap()
}

async fn change_password(p: &Portal, token: &str, current: &str) -> (StatusCode, Value) {
    let new = "Novyi-Parol-2031";
    let body = json!({"current_password": current, "new_password": new, "confirmation": new});
    p.call(Method::PUT, "/api/v1/profile/password", Some(token), Some(body)).await
}

#[tokio::test]
async fn the_current_password_of_a_change_has_an_attempt_limit() {
    let p = Portal::start().await;
    let token = p.admin().await;
    for left in (1..=4).rev() {
        let (status, body) = change_password(&p, &token, "Wrong-Password-1").await;
        assert_eq!((status, code(&body)), (StatusCode::UNPROCESSABLE_ENTITY, "wrong_password"), "{body}");
        assert_eq!(body["attempts_left"], left, "{body}");
        assert_eq!(body["field"], "current_password", "{body}");
    }
    let (status, body) = change_password(&p, &token, "Wrong-Password-1").await;
    assert_eq!((status, code(&body)), (StatusCode::TOO_MANY_REQUESTS, "locked_out"), "{body}");
    assert_eq!(body["reason"], "password_attempts_exceeded", "{body}");
    assert!(body["retry_after_s"].as_u64().is_some_and(|s| s > 14 * 60), "{body}");
    // Locked: the right password changes nothing, and signing in waits as long.
    let (status, body) = change_password(&p, &token, PASSWORD).await;
    assert_eq!((status, code(&body)), (StatusCode::TOO_MANY_REQUESTS, "locked_out"), "{body}");
    let (status, body) = p.login(ADMIN, PASSWORD).await;
    assert_eq!((status, code(&body)), (StatusCode::TOO_MANY_REQUESTS, "locked_out"), "{body}");

    p.advance(15 * 60).await;
    let (status, body) = change_password(&p, &token, "Wrong-Password-1").await;
    assert_eq!(body["attempts_left"], 4, "the count starts again after the lock: {body}");
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, body) = change_password(&p, &token, PASSWORD).await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    // A success forgets the failures.
    let failures: Option<i64> = sqlx::query_scalar("SELECT failures FROM login_failures WHERE phone = ?")
        .bind(ADMIN)
        .fetch_optional(&mut db(p.data_dir()).await)
        .await
        .unwrap();
    assert_eq!(failures, None);
}
