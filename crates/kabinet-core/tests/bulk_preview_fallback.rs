//! Bulk previews and runs where the portal gives less than usual: a portal without the bulk
//! check route (an older one answers 404) still gets a preview on the local rules, which says
//! the portal's checks were not offered, and the portal's own refusal then comes with the run;
//! and a Cancel that arrives when every number is already in flight stops nothing, so the run
//! ends `finished`, not `cancelled` with nothing cancelled.
//!
//! The portal without the route is the demo sandbox behind a small pass-through proxy (a few
//! lines of std networking) that answers 404 for that one route, so the sandbox itself keeps
//! no switch for it.

use kabinet_core::account::Account;
use kabinet_core::action::Action;
use kabinet_core::api::Ban;
use kabinet_core::bulk::{ItemState, PortalCheck, RunState, Selection};
use kabinet_core::cache::Cache;
use kabinet_core::client::PortalClient;
use kabinet_core::error::Reason;
use kabinet_core::secrets::Vault;
use portal_sandbox::{Config, RunningSandbox, DEMO_LOGIN_PASSWORD, DEMO_LOGIN_PHONE};
use sqlx::Connection;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::time::Duration;

/// A generated number of the demo company (company 1): `77010600000 + i × 37`.
fn generated(i: u64) -> String {
    (77_010_600_000 + i * 37).to_string()
}

/// A demo sandbox (every answer `latency` late) whose first generated company-1 numbers are
/// Active, the 4th in Blocked / Debt and the 5th with the MyKcell ban set.
async fn sandbox(dir: &tempfile::TempDir, latency: Duration) -> RunningSandbox {
    let mut config = Config::demo("127.0.0.1:0".parse().unwrap(), dir.path().join("portal"));
    config.rules.answer_latency = latency;
    let portal = portal_sandbox::start(config).await.unwrap();
    let url = format!("sqlite://{}", dir.path().join("portal").join("portal.sqlite").display());
    let mut db = sqlx::SqliteConnection::connect(&url).await.unwrap();
    for (sql, msisdn) in [
        ("UPDATE numbers SET state = 'active', ban_mykcell = 0 WHERE company_id = 1 AND msisdn LIKE '7701060%'", None),
        ("UPDATE numbers SET state = 'blocked_debt', debt = 100000 WHERE msisdn = ?", Some(generated(3))),
        ("UPDATE numbers SET ban_mykcell = 1 WHERE msisdn = ?", Some(generated(4))),
    ] {
        sqlx::query(sql).bind(msisdn).execute(&mut db).await.unwrap();
    }
    portal
}

/// The demo administrator signed in through `url`, with company 1's list synced.
async fn signed_in(url: &str, dir: &tempfile::TempDir) -> Account {
    let cache = Cache::open(&dir.path().join("cache.sqlite")).await.unwrap();
    let account = Account::new(PortalClient::new(url).unwrap(), cache, Arc::new(Vault::memory_only()), "test");
    account.login(DEMO_LOGIN_PHONE, DEMO_LOGIN_PASSWORD, false).await.unwrap();
    account.numbers().sync(1, false, &|_| {}).await.unwrap();
    account
}

/// A portal in front of `upstream` that has no route ending in `missing`: it answers those
/// with the 404 a portal gives for a route it does not know, and passes everything else
/// through, one request per connection.
fn portal_without(upstream: SocketAddr, missing: &'static str) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for client in listener.incoming().flatten() {
            std::thread::spawn(move || pass(client, upstream, missing));
        }
    });
    url
}

fn pass(mut client: TcpStream, upstream: SocketAddr, missing: &str) {
    let mut reader = BufReader::new(client.try_clone().unwrap());
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).unwrap_or(0) == 0 {
        return;
    }
    let path = request_line.split_whitespace().nth(1).unwrap_or("").split('?').next().unwrap_or("").to_string();
    let mut head = request_line.clone();
    let mut length = 0;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        if line.trim().is_empty() {
            break;
        }
        let name = line.split(':').next().unwrap_or("").trim().to_ascii_lowercase();
        if name == "content-length" {
            length = line.split_once(':').unwrap().1.trim().parse().unwrap();
        }
        if name != "connection" {
            head.push_str(&line);
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).unwrap();
    if path.ends_with(missing) {
        let json = r#"{"code":"not_found","message":"Not found."}"#;
        let _ = write!(
            client,
            "HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{json}",
            json.len()
        );
        return;
    }
    let mut portal = TcpStream::connect(upstream).unwrap();
    head.push_str("Connection: close\r\n\r\n");
    portal.write_all(head.as_bytes()).unwrap();
    portal.write_all(&body).unwrap();
    let mut answer = Vec::new();
    portal.read_to_end(&mut answer).unwrap();
    let _ = client.write_all(&answer);
}

#[tokio::test]
async fn a_portal_without_the_bulk_check_gets_a_preview_on_the_local_rules_that_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let portal = sandbox(&dir, Duration::ZERO).await;
    let url = portal_without(portal.addr(), "/actions/check");
    let account = signed_in(&url, &dir).await;

    // Block: the Blocked / Debt number is skipped by the shared table, the rest will run.
    let numbers: Vec<String> = (0..4).map(generated).collect();
    let run = account.bulk().preview(1, &Selection::Numbers(numbers), &Action::Block).await.unwrap();
    assert_eq!(run.portal_check, PortalCheck::NotOffered);
    assert_eq!((run.state, run.total, run.to_run, run.skipped), (RunState::Ready, 4, 3, 1));
    let items = account.bulk().items(&run.id, 0, 10).await.unwrap();
    assert_eq!((items[3].state, items[3].reason.as_deref()), (ItemState::Skipped, Some("block_needs_active")));

    // A ban already set is what only the portal knows: not skipped here; the run sends it and
    // records the portal's refusal with its reason, and does the others.
    let ban = Action::BanSet { ban: Ban::Mykcell };
    let run = account.bulk().preview(1, &Selection::Numbers(vec![generated(4), generated(5)]), &ban).await.unwrap();
    assert_eq!((run.portal_check, run.to_run, run.skipped), (PortalCheck::NotOffered, 2, 0));
    let done = account.bulk().run(&run.id, |_| {}).await.unwrap();
    assert_eq!((done.state, done.done, done.failed), (RunState::Finished, 1, 1));
    let items = account.bulk().items(&run.id, 0, 10).await.unwrap();
    assert_eq!(items[0].state, ItemState::Failed);
    assert_eq!(items[0].reason.as_deref(), Some(Reason::BanAlreadySet.as_str()));
}

#[tokio::test]
async fn a_cancel_when_every_number_is_already_in_flight_stops_nothing_and_the_run_finishes() {
    let dir = tempfile::tempdir().unwrap();
    // Every answer 600 ms late: the three blocks are all in flight when Cancel comes.
    let portal = sandbox(&dir, Duration::from_millis(600)).await;
    let account = signed_in(&portal.url(), &dir).await;
    let numbers: Vec<String> = (0..3).map(generated).collect();
    let run = account.bulk().preview(1, &Selection::Numbers(numbers), &Action::Block).await.unwrap();
    assert_eq!(run.to_run, 3);

    let bulk = account.bulk();
    let (ended, _) = tokio::join!(bulk.run(&run.id, |_| {}), async {
        loop {
            let items = bulk.items(&run.id, 0, 10).await.unwrap();
            if items.iter().all(|i| i.state == ItemState::Sending) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        bulk.cancel(&run.id).await.unwrap();
    });
    let ended = ended.unwrap();
    assert_eq!(
        (ended.state, ended.done, ended.failed, ended.remaining),
        (RunState::Finished, 3, 0, 0),
        "nothing was left to cancel: {ended:?}"
    );
}
