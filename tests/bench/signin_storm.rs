//! `cargo bench --bench signin_storm`: how much a storm of sign-ins slows other administrators'
//! changes on the sandbox (issue 6, item 9: Argon2 used to run under the one writer lock).
//!
//! Measures one administrator's change (renaming a company, a state-changing request) alone,
//! then while 20 clients (each from its own loopback address) sign in continuously, then while
//! 20 clients send wrong passwords for ever new numbers. Prints `name=value` lines and the slowdown ratios; asserts no timings.
//!
//! `KABINET_BENCH_CHANGES` sets the changes measured per phase (default 200).

use portal_sandbox::{Config, DEMO_LOGIN_PASSWORD, DEMO_LOGIN_PHONE};
use reqwest::{Client, StatusCode};
use serde_json::json;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const STORM_CLIENTS: usize = 20;

/// A fresh Idempotency-Key for every request.
fn new_key() -> String {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    format!("bench-{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1000.0)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

async fn login(http: &Client, url: &str, phone: &str, password: &str) -> StatusCode {
    http.post(format!("{url}api/v1/auth/login"))
        .header("Idempotency-Key", new_key())
        .json(&json!({"phone": phone, "password": password}))
        .send()
        .await
        .map(|r| r.status())
        .unwrap_or(StatusCode::SERVICE_UNAVAILABLE)
}

/// `count` changes one after another; their latencies, sorted.
async fn changes(http: &Client, url: &str, token: &str, count: usize) -> Vec<Duration> {
    let mut took = Vec::with_capacity(count);
    for i in 0..count {
        let t = Instant::now();
        let resp = http
            .put(format!("{url}api/v1/companies/1/display-name"))
            .bearer_auth(token)
            .header("Idempotency-Key", new_key())
            .json(&json!({"display_name": format!("Office {i}")}))
            .send()
            .await
            .expect("change");
        assert!(resp.status().is_success(), "change answered {}", resp.status());
        took.push(t.elapsed());
    }
    took.sort();
    took
}

/// Runs `changes` while [`STORM_CLIENTS`] clients sign in; prints the figures under `name`.
async fn under_storm(http: &Client, url: &str, token: &str, count: usize, name: &str, wrong: bool) -> Duration {
    let stop = Arc::new(AtomicBool::new(false));
    let (ok, refused, other) = (Arc::new(AtomicU64::new(0)), Arc::new(AtomicU64::new(0)), Arc::new(AtomicU64::new(0)));
    let mut clients = Vec::new();
    for c in 0..STORM_CLIENTS {
        // Each client from its own loopback address, as 20 users (or 20 attacking hosts) are.
        let address: std::net::IpAddr = format!("127.0.0.{}", 10 + c).parse().expect("address");
        let http = Client::builder().local_address(address).build().expect("client");
        let (url, stop) = (url.to_string(), stop.clone());
        let (ok, refused, other) = (ok.clone(), refused.clone(), other.clone());
        clients.push(tokio::spawn(async move {
            let mut n = 0u64;
            while !stop.load(Ordering::Relaxed) {
                n += 1;
                // Wrong passwords go to ever new (unknown) numbers, so no lockout ends the storm.
                let phone = if wrong { format!("7701{:07}", c as u64 * 100_000 + n) } else { DEMO_LOGIN_PHONE.into() };
                let password = if wrong { "Wrong-Password-1" } else { DEMO_LOGIN_PASSWORD };
                match login(&http, &url, &phone, password).await {
                    StatusCode::OK | StatusCode::UNAUTHORIZED => ok.fetch_add(1, Ordering::Relaxed),
                    StatusCode::TOO_MANY_REQUESTS => refused.fetch_add(1, Ordering::Relaxed),
                    _ => other.fetch_add(1, Ordering::Relaxed),
                };
            }
        }));
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let (before, started) = (ok.load(Ordering::Relaxed), Instant::now());
    let took = changes(http, url, token, count).await;
    let signins = ok.load(Ordering::Relaxed) - before;
    let elapsed = started.elapsed();
    stop.store(true, Ordering::Relaxed);
    for c in clients {
        let _ = c.await;
    }
    println!("{name}_ms_p50={}", ms(percentile(&took, 0.5)));
    println!("{name}_ms_p90={}", ms(percentile(&took, 0.9)));
    println!("{name}_per_s={:.1}", count as f64 / elapsed.as_secs_f64());
    println!("{name}_signins_answered_per_s={:.1}", signins as f64 / elapsed.as_secs_f64());
    println!("{name}_signins_refused_429={}", refused.load(Ordering::Relaxed));
    println!("{name}_signins_failed_otherwise={}", other.load(Ordering::Relaxed));
    percentile(&took, 0.5)
}

#[tokio::main]
async fn main() {
    let count: usize = std::env::var("KABINET_BENCH_CHANGES").ok().and_then(|v| v.parse().ok()).unwrap_or(200);
    let dir = tempfile::tempdir().expect("temp dir");
    let portal =
        portal_sandbox::start(Config::demo("127.0.0.1:0".parse().unwrap(), dir.path().into())).await.expect("sandbox");
    let url = portal.url();
    let http = Client::new();
    let token_body: serde_json::Value = http
        .post(format!("{url}api/v1/auth/login"))
        .header("Idempotency-Key", "bench-admin")
        .json(&json!({"phone": DEMO_LOGIN_PHONE, "password": DEMO_LOGIN_PASSWORD}))
        .send()
        .await
        .expect("login")
        .json()
        .await
        .expect("login answer");
    let token = token_body["token"].as_str().expect("a token").to_string();
    println!("storm_clients={STORM_CLIENTS}");
    println!("changes_measured={count}");

    changes(&http, &url, &token, 20).await; // warm-up
    let started = Instant::now();
    let alone = changes(&http, &url, &token, count).await;
    let alone_p50 = percentile(&alone, 0.5);
    println!("change_alone_ms_p50={}", ms(alone_p50));
    println!("change_alone_ms_p90={}", ms(percentile(&alone, 0.9)));
    println!("change_alone_per_s={:.1}", count as f64 / started.elapsed().as_secs_f64());

    let storm = under_storm(&http, &url, &token, count, "change_under_signin_storm", false).await;
    println!("signin_storm_slowdown_ratio={:.1}", storm.as_secs_f64() / alone_p50.as_secs_f64());
    let failed = under_storm(&http, &url, &token, count, "change_under_failed_signin_storm", true).await;
    println!("failed_signin_storm_slowdown_ratio={:.1}", failed.as_secs_f64() / alone_p50.as_secs_f64());
    portal.shutdown().await;
}
