//! Issue 6's sandbox findings, over real HTTP: no secret at rest, the order of the checks, the
//! expiry of the tables that grew, and the embedded portal's sandbox routes behind a secret.

mod common;

use common::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// Every file of the data folder (the database, its -wal and -shm), as bytes.
fn data_files(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for entry in walk(dir) {
        files.push((entry.display().to_string(), std::fs::read(&entry).unwrap()));
    }
    assert!(files.iter().any(|(name, _)| name.ends_with("portal.sqlite")), "{files:?}", files = files.len());
    files
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// Where `needle` occurs in `haystack`; a code counts only as a whole run of digits, so the
/// digits of phone numbers and ICCIDs do not match by chance.
fn occurs(haystack: &[u8], needle: &str, whole_digits: bool) -> bool {
    let needle = needle.as_bytes();
    haystack.windows(needle.len()).enumerate().any(|(i, w)| {
        w == needle
            && (!whole_digits
                || (i.checked_sub(1).is_none_or(|b| !haystack[b].is_ascii_digit())
                    && haystack.get(i + needle.len()).is_none_or(|a| !a.is_ascii_digit())))
    })
}

fn assert_no_secret(p: &Portal, secrets: &[(&str, bool)], when: &str) {
    for (name, bytes) in data_files(p.data_dir()) {
        for (secret, is_code) in secrets {
            assert!(!occurs(&bytes, secret, *is_code), "{secret} is in {name} ({when})");
        }
    }
}

#[tokio::test]
async fn no_token_code_or_password_is_left_in_the_data_folder() {
    let p = Portal::start().await;
    let mut tokens = Vec::new();
    for _ in 0..3 {
        tokens.push(p.token(ADMIN, PASSWORD).await);
    }
    // A retried sign-in (same key and body) replays the same working session, from memory.
    let login = json!({"phone": ADMIN, "password": PASSWORD});
    let mut retried_tokens = Vec::new();
    for _ in 0..2 {
        let (status, body) =
            p.call_with_key(Method::POST, "/api/v1/auth/login", None, Some(login.clone()), "login-retry").await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let token = body["token"].as_str().unwrap().to_string();
        assert_eq!(p.get("/api/v1/profile", &token).await.0, StatusCode::OK);
        retried_tokens.push(token);
    }
    assert_eq!(retried_tokens[0], retried_tokens[1]);
    tokens.extend(retried_tokens);
    assert_eq!(p.login(ADMIN, "Wrong-Password-1").await.0, StatusCode::UNAUTHORIZED);

    let ticket = p.start_recovery(ADMIN).await;
    let id = ticket["recovery_id"].as_str().unwrap();
    let code = p.last_code(ADMIN).await;
    let path = format!("/api/v1/auth/recovery/{id}/verify");
    let (status, first) = p.call_with_key(Method::POST, &path, None, Some(json!({"code": code})), "verify").await;
    assert_eq!(status, StatusCode::OK, "{first}");
    // A retried verify replays the same reset token.
    let (status, retried) = p.call_with_key(Method::POST, &path, None, Some(json!({"code": code})), "verify").await;
    assert_eq!(status, StatusCode::OK, "{retried}");
    assert_eq!(first["reset_token"], retried["reset_token"]);
    let new_password = "Novyi-Parol-2031";
    let complete =
        |reset: &Value| json!({"reset_token": reset, "password": new_password, "confirmation": new_password});
    let complete_path = format!("/api/v1/auth/recovery/{id}/complete");
    let (status, body) = p.call(Method::POST, &complete_path, None, Some(complete(&first["reset_token"]))).await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    tokens.push(p.token(ADMIN, new_password).await);
    // Not even a hash of a body that carried a password or a code is kept: a fast hash of one
    // can be reversed by guessing.
    let kept: i64 = {
        let url = format!("sqlite://{}?mode=ro", p.data_dir().join("portal.sqlite").display());
        let mut db = <sqlx::SqliteConnection as sqlx::Connection>::connect(&url).await.unwrap();
        sqlx::query_scalar("SELECT COUNT(*) FROM idempotency WHERE scope LIKE '%/auth/login %' OR scope LIKE '%/verify %' OR scope LIKE '%/complete %'")
            .fetch_one(&mut db)
            .await
            .unwrap()
    };
    assert_eq!(kept, 0, "keys of sign-in and recovery requests are kept in memory only");

    let mut secrets: Vec<(&str, bool)> = tokens.iter().map(|t| (t.as_str(), false)).collect();
    secrets.push((first["reset_token"].as_str().unwrap(), false));
    secrets.extend([(code.as_str(), true), (PASSWORD, false), (new_password, false), ("Wrong-Password-1", false)]);
    assert_no_secret(&p, &secrets, "while running");
    let dir = p.data_dir().to_path_buf();
    let Portal { sandbox, http: _, .. } = p;
    sandbox.shutdown().await;
    for (name, bytes) in data_files(&dir) {
        for (secret, is_code) in &secrets {
            assert!(!occurs(&bytes, secret, *is_code), "{secret} is in {name} (after shutdown)");
        }
    }
}

fn code_of(body: &Value) -> &str {
    body["code"].as_str().unwrap_or("")
}

#[tokio::test]
async fn a_post_without_a_session_answers_401_before_the_key_check() {
    let p = Portal::start().await;
    let resp = p.http.post(p.url("/api/v1/auth/logout")).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(resp.json::<Value>().await.unwrap()["code"], "session_expired");
    let resp = p.http.put(p.url("/api/v1/companies/1/display-name")).json(&json!({"display_name": "x"})).send();
    assert_eq!(resp.await.unwrap().status(), StatusCode::UNAUTHORIZED);
    // With a session, the missing key is what is wrong.
    let token = p.admin().await;
    let resp = p.http.post(p.url("/api/v1/auth/logout")).bearer_auth(&token).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    assert_eq!(resp.json::<Value>().await.unwrap()["code"], "idempotency_key_required");
}

#[tokio::test]
async fn an_unknown_method_answers_405_before_the_key_check() {
    let p = Portal::start().await;
    let token = p.admin().await;
    for (method, path) in [
        (Method::DELETE, "/api/v1/auth/login"),
        (Method::PATCH, "/api/v1/auth/recovery"),
        (Method::POST, "/api/v1/companies"),
        (Method::DELETE, "/api/v1/profile"),
    ] {
        let resp = p.http.request(method.clone(), p.url(path)).bearer_auth(&token).send().await.unwrap();
        assert_eq!(resp.status(), StatusCode::METHOD_NOT_ALLOWED, "{method} {path}");
    }
}

#[tokio::test]
async fn a_replay_with_an_expired_session_answers_401() {
    let p = Portal::start().await;
    let token = p.admin().await;
    let path = "/api/v1/companies/1/display-name";
    let body = json!({"display_name": "Офис"});
    let (status, _) = p.call_with_key(Method::PUT, path, Some(&token), Some(body.clone()), "rename").await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = p.call_with_key(Method::PUT, path, Some(&token), Some(body.clone()), "rename").await;
    assert_eq!(status, StatusCode::OK, "a replay within the session");
    p.advance(31 * 60).await;
    let (status, answer) = p.call_with_key(Method::PUT, path, Some(&token), Some(body), "rename").await;
    assert_eq!((status, code_of(&answer)), (StatusCode::UNAUTHORIZED, "session_expired"));
}

/// Rows in a table of the sandbox's database, read beside the running server.
async fn rows(p: &Portal, table: &str) -> i64 {
    let url = format!("sqlite://{}?mode=ro", p.data_dir().join("portal.sqlite").display());
    let mut db = <sqlx::SqliteConnection as sqlx::Connection>::connect(&url).await.unwrap();
    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}")).fetch_one(&mut db).await.unwrap()
}

#[tokio::test]
async fn expired_sessions_and_old_idempotency_keys_are_purged() {
    let p = Portal::start().await;
    for i in 0..3 {
        let token = p.admin().await;
        p.call(Method::PUT, "/api/v1/companies/1/display-name", Some(&token), Some(json!({"display_name": i}))).await;
    }
    let ticket = p.start_recovery(ADMIN).await;
    assert_eq!(p.verify(ticket["recovery_id"].as_str().unwrap(), "000000").await.0, StatusCode::UNPROCESSABLE_ENTITY);
    for _ in 0..5 {
        p.login(TELE2_ADMIN, "Wrong-Password-1").await;
    }
    assert_eq!(rows(&p, "sessions").await, 3);
    // On disk: the three display names and the recovery's start; the sign-ins and the verify
    // (bodies with a password or a code) are kept in memory.
    let keys = rows(&p, "idempotency").await;
    assert_eq!(keys, 4, "{keys} keys");
    // Nothing is live yet, so nothing goes.
    assert_eq!(p.sandbox.purge_expired().await.unwrap(), portal_sandbox::Purged::default());

    // Two days later: the sessions, keys, the recovery and the lockout are all over.
    p.advance(2 * 24 * 3600).await;
    let live = p.admin().await;
    let purged = p.sandbox.purge_expired().await.unwrap();
    assert_eq!((purged.sessions, purged.recoveries, purged.lockouts), (3, 1, 1), "{purged:?}");
    // The 4 on disk and the 8 in memory (3 + 4 sign-ins, 1 verify: the fifth wrong sign-in is
    // answered 429 `locked_out`, which is not kept, so its retry may sign in once the lock is
    // over); the newest sign-in's stays.
    assert_eq!(purged.idempotency as i64, keys + 8, "every key but the newest sign-in's");
    assert_eq!(rows(&p, "sessions").await, 1);
    assert_eq!(rows(&p, "idempotency").await, 0);
    assert_eq!(p.get("/api/v1/profile", &live).await.0, StatusCode::OK, "a live session stays");
}

#[tokio::test]
async fn the_embedded_portals_sandbox_routes_need_its_secret() {
    let p = Portal::start_with(|c| c.sandbox_secret = Some("the-apps-secret".into())).await;
    p.start_recovery(ADMIN).await;
    for (method, path, body) in [
        (Method::GET, "/sandbox/outbox", None),
        (Method::POST, "/sandbox/clock", Some(json!({"seconds": 3600}))),
        (Method::POST, "/sandbox/faults", Some(json!({"fail_numbers_after_pages": 0}))),
    ] {
        for secret in [None, Some("a-guess")] {
            let mut req = p.http.request(method.clone(), p.url(path));
            if let Some(b) = &body {
                req = req.json(b);
            }
            if let Some(s) = secret {
                req = req.header(portal_sandbox::SANDBOX_SECRET_HEADER, s);
            }
            let resp = req.send().await.unwrap();
            assert_eq!(resp.status(), StatusCode::FORBIDDEN, "{method} {path} with {secret:?}");
            assert_eq!(resp.json::<Value>().await.unwrap()["code"], "forbidden");
        }
    }
    // The clock did not move, and the app reads the outbox in-process.
    let token = p.admin().await;
    p.advance_with_header(31 * 60, Some("the-apps-secret")).await;
    assert_eq!(p.get("/api/v1/profile", &token).await.0, StatusCode::UNAUTHORIZED, "the right secret moves it");
    let sent = p.sandbox.outbox(Some(ADMIN));
    assert_eq!(sent.len(), 1);
    assert!(sent[0].body.contains("your code is"));
    let resp = p
        .http
        .get(p.url("/sandbox/outbox"))
        .header(portal_sandbox::SANDBOX_SECRET_HEADER, "the-apps-secret")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.json::<Value>().await.unwrap()["items"][0]["body"], sent[0].body.as_str());
}

#[tokio::test]
async fn an_old_database_loses_its_stored_tokens_and_codes_on_upgrade() {
    // A data folder as the sandbox left it before migration 0006: a sign-in answer with its
    // token stored for replay, and a code in the outbox table.
    let dir = tempfile::tempdir().unwrap();
    let before = tempfile::tempdir().unwrap();
    let migrations = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    for entry in std::fs::read_dir(&migrations).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().unwrap().to_str().unwrap() < "0006" {
            std::fs::copy(&path, before.path().join(path.file_name().unwrap())).unwrap();
        }
    }
    let token = "5e55104c0ffee0ld70ken0f0ld5e55104c0ffee0ld70ken0f0ld";
    let options = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(dir.path().join("portal.sqlite"))
        .create_if_missing(true)
        .journal_mode(sqlx::sqlite::SqliteJournalMode::Wal);
    let pool = sqlx::SqlitePool::connect_with(options).await.unwrap();
    sqlx::migrate::Migrator::new(before.path()).await.unwrap().run(&pool).await.unwrap();
    sqlx::query("INSERT INTO idempotency VALUES ('k', 'POST /api/v1/auth/login anonymous', 'h', 200, ?, '2026-01-01T00:00:00Z')")
        .bind(format!("{{\"token\":\"{token}\"}}").into_bytes())
        .execute(&pool)
        .await
        .unwrap();
    sqlx::query("INSERT INTO outbox VALUES (1, '2026-01-01T00:00:00Z', 'sms', '77010016515', 'your code is 918273.')")
        .execute(&pool)
        .await
        .unwrap();
    pool.close().await;
    let old = data_files(dir.path()).into_iter().map(|(_, b)| b).collect::<Vec<_>>().concat();
    assert!(occurs(&old, token, false) && occurs(&old, "918273", true), "the old folder holds both");

    let config = portal_sandbox::Config::demo("127.0.0.1:0".parse().unwrap(), dir.path().into());
    let sandbox = portal_sandbox::start(config).await.unwrap();
    for (name, bytes) in data_files(dir.path()) {
        assert!(!occurs(&bytes, token, false), "the old token is in {name}");
        assert!(!occurs(&bytes, "918273", true), "the old code is in {name}");
    }
    sandbox.shutdown().await;
}
