//! Test helpers: a fake portal for tests that need answers a real portal must never send (a few
//! lines of std networking on their own threads, so they run whatever the test's runtime is,
//! answering each request with the JSON a closure returns), and an account signed in to a real
//! demo sandbox.

#![allow(dead_code)] // each test file uses part of it

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::Arc;

pub type Answer = dyn Fn(&str, &str) -> Value + Send + Sync;

/// A demo sandbox in `dir` and the demo administrator signed in to it, with an in-memory cache.
pub async fn demo_account(dir: &tempfile::TempDir) -> (portal_sandbox::RunningSandbox, kabinet_core::account::Account) {
    use kabinet_core::{account::Account, cache::Cache, client::PortalClient, secrets::Vault};
    let config = portal_sandbox::Config::demo("127.0.0.1:0".parse().unwrap(), dir.path().join("portal"));
    let portal = portal_sandbox::start(config).await.unwrap();
    let account = Account::new(
        PortalClient::new(&portal.url()).unwrap(),
        Cache::in_memory().await.unwrap(),
        Arc::new(Vault::memory_only()),
        "demo",
    );
    account.login(portal_sandbox::DEMO_LOGIN_PHONE, portal_sandbox::DEMO_LOGIN_PASSWORD, false).await.unwrap();
    (portal, account)
}

/// Serves `answer(method, path_and_query)` as a 200 JSON answer to every request.
pub fn fake_portal(answer: Arc<Answer>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let answer = answer.clone();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut request_line = String::new();
                reader.read_line(&mut request_line).unwrap();
                let mut length = 0;
                loop {
                    let mut line = String::new();
                    reader.read_line(&mut line).unwrap();
                    if line.trim().is_empty() {
                        break;
                    }
                    if let Some((name, value)) = line.split_once(':') {
                        if name.eq_ignore_ascii_case("content-length") {
                            length = value.trim().parse().unwrap();
                        }
                    }
                }
                let mut body = vec![0; length];
                reader.read_exact(&mut body).unwrap();
                let mut parts = request_line.split_whitespace();
                let (method, path) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
                let json = answer(method, path).to_string();
                let _ = write!(
                    stream,
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{json}",
                    json.len()
                );
            });
        }
    });
    url
}

pub fn login_answer() -> Value {
    json!({
        "token": "t",
        "expires_at": "2026-11-25T12:00:00Z",
        "profile": {"phone": "77010016515", "name": "Алия", "email": "a@kabinet.kz"}
    })
}
