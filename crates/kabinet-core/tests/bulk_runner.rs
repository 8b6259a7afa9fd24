//! Core's one bulk `Runner` (what the app and the CLI both drive runs with) against a real
//! sandbox: a run paused between numbers resumes where it stopped and sends each number once; a
//! `stop` (the CLI's Ctrl-C) cancels between numbers; a finished run is refused at once; the
//! progress is paced and always ends with the run's last state.

mod common;

use kabinet_core::account::Account;
use kabinet_core::action::Action;
use kabinet_core::bulk::{BulkRun, RunState, Runner, Selection};
use kabinet_core::cache::Cache;
use kabinet_core::client::PortalClient;
use kabinet_core::secrets::Vault;
use kabinet_core::ErrorCode;
use portal_sandbox::{Config, RunningSandbox, DEMO_LOGIN_PASSWORD, DEMO_LOGIN_PHONE};
use sqlx::Connection;
use std::sync::{Arc, Mutex};
use std::time::Duration;

fn generated(i: u64) -> String {
    (77_010_600_000 + i * 37).to_string()
}

/// A demo sandbox answering `latency` late, its generated company-1 numbers Active, and an
/// account signed in to it with company 1's list synced.
async fn start(latency: Duration) -> (RunningSandbox, Arc<Account>, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let mut config = Config::demo("127.0.0.1:0".parse().unwrap(), dir.path().join("portal"));
    config.rules.answer_latency = latency;
    let portal = portal_sandbox::start(config).await.unwrap();
    let url = format!("sqlite://{}", dir.path().join("portal").join("portal.sqlite").display());
    let mut db = sqlx::SqliteConnection::connect(&url).await.unwrap();
    sqlx::query("UPDATE numbers SET state = 'active' WHERE company_id = 1 AND msisdn LIKE '7701060%'")
        .execute(&mut db)
        .await
        .unwrap();
    let cache = Cache::open(&dir.path().join("cache.sqlite")).await.unwrap();
    let account =
        Account::new(PortalClient::new(&portal.url()).unwrap(), cache, Arc::new(Vault::memory_only()), "test");
    account.login(DEMO_LOGIN_PHONE, DEMO_LOGIN_PASSWORD, false).await.unwrap();
    account.numbers().sync(1, false, &|_| {}).await.unwrap();
    (portal, Arc::new(account), dir)
}

async fn blocks(dir: &tempfile::TempDir, numbers: &[String]) -> Vec<i64> {
    let url = format!("sqlite://{}", dir.path().join("portal").join("portal.sqlite").display());
    let mut db = sqlx::SqliteConnection::connect(&url).await.unwrap();
    let mut out = Vec::new();
    for n in numbers {
        let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM requests WHERE kind = 'block' AND msisdn = ?")
            .bind(n)
            .fetch_one(&mut db)
            .await
            .unwrap();
        out.push(count);
    }
    out
}

#[tokio::test]
async fn a_paused_run_resumes_where_it_stopped_and_sends_each_number_once() {
    let (_portal, account, dir) = start(Duration::from_millis(200)).await;
    let numbers: Vec<String> = (0..12).map(generated).collect();
    let run = account.bulk().preview(1, &Selection::Numbers(numbers.clone()), &Action::Block).await.unwrap();
    let seen: Arc<Mutex<Vec<BulkRun>>> = Arc::default();
    let progress = {
        let seen = seen.clone();
        move |r: &BulkRun| seen.lock().unwrap().push(r.clone())
    };
    let task = Runner::claim(account.clone(), &run.id).await.unwrap().spawn(progress);
    // Refused at once while it runs.
    let again = Runner::claim(account.clone(), &run.id).await.err().expect("refused while it runs");
    assert_eq!(again.code, ErrorCode::NotAllowedInState);
    tokio::time::sleep(Duration::from_millis(300)).await;
    account.bulk().pause(&run.id).await.unwrap();
    let paused = task.await.unwrap().unwrap();
    assert_eq!(paused.state, RunState::Paused);
    assert!(paused.done > 0 && paused.remaining > 0, "paused midway: {paused:?}");
    assert_eq!(seen.lock().unwrap().last().map(|r| r.state), Some(RunState::Paused), "the last progress is the end");

    let resumed = Runner::claim(&*account, &run.id).await.unwrap().drive(|_| {}, std::future::pending()).await.unwrap();
    assert_eq!((resumed.state, resumed.done, resumed.failed), (RunState::Finished, 12, 0));
    assert_eq!(blocks(&dir, &numbers).await, vec![1; 12], "each number blocked once");
    let finished = Runner::claim(&*account, &run.id).await.err().expect("a finished run is not run again");
    assert_eq!(finished.code, ErrorCode::NotAllowedInState);
}

#[tokio::test]
async fn a_stop_cancels_between_numbers_and_the_progress_is_paced() {
    let (_portal, account, dir) = start(Duration::from_millis(150)).await;
    let numbers: Vec<String> = (0..20).map(generated).collect();
    let run = account.bulk().preview(1, &Selection::Numbers(numbers.clone()), &Action::Block).await.unwrap();
    let seen = Mutex::new(Vec::new());
    let stop = tokio::time::sleep(Duration::from_millis(400));
    let ended = Runner::claim(&*account, &run.id)
        .await
        .unwrap()
        .drive(|r| seen.lock().unwrap().push((r.state, std::time::Instant::now())), stop)
        .await
        .unwrap();
    assert_eq!(ended.state, RunState::Cancelled);
    assert!(ended.done > 0 && ended.remaining > 0, "{ended:?}");
    let sent: i64 = blocks(&dir, &numbers).await.iter().sum();
    assert_eq!(sent as u64, ended.done, "nothing sent after the cancel but what was in flight");
    let seen = seen.into_inner().unwrap();
    assert_eq!(seen.last().map(|s| s.0), Some(RunState::Cancelled));
    let running: Vec<_> = seen.iter().filter(|s| s.0 == RunState::Running).map(|s| s.1).collect();
    assert!(running.windows(2).all(|w| w[1] - w[0] >= Duration::from_millis(100)), "at most ten a second");
}
