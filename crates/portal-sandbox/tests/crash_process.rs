//! The sandbox as a real process, killed between a change and its answer, then started again
//! on the same data folder; every intent is retried with its Idempotency-Key until it gets an
//! answer. Nothing may be done twice: the key's answer commits with the change (`store::commit_answer`).
//!
//! Two bounded loops: the process aborts right after a change commits (the planned fault
//! `crash_after_change: process`, the worst moment, every time), and `kill -9` at random moments
//! while four clients stream balance transfers (how the defect was found: 5 of 40 kills did a
//! transfer twice).

use reqwest::{Client, StatusCode};
use serde_json::{json, Value};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const ADMIN: &str = "77010016515";
const PASSWORD: &str = "Kabinet-2026";
/// Active, credit, 3 750 ₸ remaining, no debt: can give.
const SENDER: &str = "77012115526";
/// The manual's number: Active, may receive.
const RECIPIENT: &str = "77010542007";

struct Sandbox {
    child: Child,
    url: String,
}

impl Sandbox {
    fn start(data: &Path, port: u16) -> Sandbox {
        let child = Command::new(env!("CARGO_BIN_EXE_portal-sandbox"))
            .args(["--addr", &format!("127.0.0.1:{port}"), "--data"])
            .arg(data)
            .env("RUST_LOG", "error")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the sandbox binary starts");
        let url = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(started.elapsed() < Duration::from_secs(30), "the sandbox did not listen on {port}");
            std::thread::sleep(Duration::from_millis(20));
        }
        Sandbox { child, url }
    }

    fn kill(mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }

    /// Waits for the process to end by itself (the planned abort).
    fn wait_for_crash(mut self) {
        let started = Instant::now();
        while self.child.try_wait().unwrap().is_none() {
            assert!(started.elapsed() < Duration::from_secs(10), "the sandbox did not crash as planned");
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

async fn token(http: &Client, url: &str) -> String {
    let resp = http
        .post(format!("{url}/api/v1/auth/login"))
        .header("Idempotency-Key", uuid::Uuid::new_v4().to_string())
        .json(&json!({"phone": ADMIN, "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    let body: Value = resp.json().await.unwrap();
    body["token"].as_str().expect("a session").to_string()
}

async fn company(http: &Client, url: &str, token: &str) -> i64 {
    let resp = http.get(format!("{url}/api/v1/companies")).bearer_auth(token).send().await.unwrap();
    let body: Value = resp.json().await.unwrap();
    body["items"][0]["id"].as_i64().unwrap()
}

async fn transfer(
    http: &Client,
    url: &str,
    token: &str,
    company: i64,
    key: &str,
) -> reqwest::Result<(StatusCode, bool)> {
    let resp = http
        .post(format!("{url}/api/v1/companies/{company}/transfers"))
        .bearer_auth(token)
        .header("Idempotency-Key", key)
        .json(&json!({"from": SENDER, "to": RECIPIENT, "amount_tiyn": 100}))
        .timeout(Duration::from_secs(5))
        .send()
        .await?;
    Ok((resp.status(), resp.headers().get("idempotent-replayed").is_some()))
}

/// Transfers recorded by the portal, from its own database.
async fn transfers_done(data: &Path) -> i64 {
    let url = format!("sqlite://{}?mode=ro", data.join("portal.sqlite").display());
    let db = sqlx::SqlitePool::connect(&url).await.unwrap();
    let n = sqlx::query_scalar("SELECT COUNT(*) FROM actions WHERE msisdn = ? AND action = 'Balance transfer: sent'")
        .bind(SENDER)
        .fetch_one(&db)
        .await
        .unwrap();
    db.close().await;
    n
}

#[tokio::test]
async fn a_sandbox_that_aborts_after_each_change_never_does_a_retried_transfer_twice() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let http = Client::new();
    let mut sandbox = Sandbox::start(dir.path(), port);
    let t = token(&http, &sandbox.url).await;
    let company = company(&http, &sandbox.url, &t).await;
    const ROUNDS: usize = 6;
    for round in 0..ROUNDS {
        let key = format!("round-{round}");
        let plan = http
            .post(format!("{}/sandbox/faults", sandbox.url))
            .json(&json!({"crash_after_change": "process"}))
            .send()
            .await
            .unwrap();
        assert_eq!(plan.status(), StatusCode::NO_CONTENT);
        let lost = transfer(&http, &sandbox.url, &t, company, &key).await;
        assert!(lost.is_err(), "round {round}: the answer should be lost with the process, got {lost:?}");
        sandbox.wait_for_crash();
        sandbox = Sandbox::start(dir.path(), port);
        let (status, replayed) = transfer(&http, &sandbox.url, &t, company, &key).await.unwrap();
        assert_eq!((status, replayed), (StatusCode::OK, true), "round {round}: the committed answer is replayed");
        assert_eq!(transfers_done(dir.path()).await, round as i64 + 1, "round {round}: one transfer per intent");
    }
    sandbox.kill();
}

#[tokio::test]
async fn random_kills_during_a_stream_of_transfers_do_nothing_twice() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let http = Client::new();
    let sandbox = Sandbox::start(dir.path(), port);
    let url = sandbox.url.clone();
    let t = token(&http, &url).await;
    let company = company(&http, &url, &t).await;

    // Four clients, each sending its intents one after another, each retried with its key
    // until the portal answers (the portal is down in between).
    const CLIENTS: usize = 4;
    const INTENTS: usize = 25;
    let mut clients = Vec::new();
    for c in 0..CLIENTS {
        let (http, url, t) = (http.clone(), url.clone(), t.clone());
        clients.push(tokio::spawn(async move {
            for i in 0..INTENTS {
                let key = format!("client-{c}-intent-{i}");
                loop {
                    match transfer(&http, &url, &t, company, &key).await {
                        Ok((StatusCode::OK, _)) => break,
                        Ok((status, _)) if status.is_server_error() => {}
                        Ok((status, _)) => panic!("{key}: answered {status}"),
                        Err(_) => tokio::time::sleep(Duration::from_millis(20)).await,
                    }
                }
            }
        }));
    }
    // Kill it at moments spread over the stream, and start it again on the same folder.
    let mut sandbox = Some(sandbox);
    let mut kills = 0;
    let mut seed = 0x9E37_79B9_u32;
    while !clients.iter().all(|c| c.is_finished()) && kills < 12 {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        tokio::time::sleep(Duration::from_millis(40 + u64::from(seed % 160))).await;
        if let Some(running) = sandbox.take() {
            running.kill();
            kills += 1;
        }
        sandbox = Some(Sandbox::start(dir.path(), port));
    }
    for c in clients {
        tokio::time::timeout(Duration::from_secs(60), c).await.expect("every intent answered").unwrap();
    }
    eprintln!("random_kills={kills} transfers={}", CLIENTS * INTENTS);
    assert!(kills > 0, "the sandbox was killed during the stream");
    assert_eq!(
        transfers_done(dir.path()).await,
        (CLIENTS * INTENTS) as i64,
        "{kills} kills: exactly one transfer per intent"
    );
    if let Some(s) = sandbox {
        s.kill();
    }
}
