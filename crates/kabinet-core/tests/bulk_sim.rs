//! Bulk SIM replacement through the account against a real sandbox: each number with its OWN
//! new SIM (pairs). The preview names by line a bad ICCID, a number or an ICCID given twice, an
//! unknown number, and skips what the portal's check refuses (a SIM already in use); the run
//! sends one replacement per number (the single action's request), the watcher follows each to
//! done and the profile has the new SIM; a run whose process dies halfway resumes and the
//! portal replaces each SIM once.

mod common;

use kabinet_core::account::Account;
use kabinet_core::action::Action;
use kabinet_core::api::RequestState;
use kabinet_core::bulk::{BulkItem, ItemState, RunState, Selection};
use kabinet_core::cache::Cache;
use kabinet_core::client::PortalClient;
use kabinet_core::secrets::Vault;
use kabinet_core::ErrorCode;
use portal_sandbox::{Config, RunningSandbox, DEMO_LOGIN_PASSWORD, DEMO_LOGIN_PHONE};
use sqlx::Connection;
use std::sync::Arc;

/// A generated number of the demo company (company 1), made Active by [`start`].
fn generated(i: u64) -> String {
    (77_010_600_000 + i * 37).to_string()
}

/// A number of company 3, another administrator's.
const TELE2: &str = "77754100000";

/// A new SIM's ICCID, 20 digits with its Luhn check digit, different for each `i`.
fn iccid(i: u64) -> String {
    let digits = format!("8999702750{:09}", 900_000_000 + i);
    let sum: u32 = digits
        .chars()
        .rev()
        .enumerate()
        .map(|(n, c)| {
            let d = c.to_digit(10).unwrap();
            if n % 2 == 0 {
                let twice = d * 2;
                if twice > 9 {
                    twice - 9
                } else {
                    twice
                }
            } else {
                d
            }
        })
        .sum();
    format!("{digits}{}", (10 - sum % 10) % 10)
}

async fn sandbox_db(dir: &tempfile::TempDir) -> sqlx::SqliteConnection {
    let url = format!("sqlite://{}", dir.path().join("portal").join("portal.sqlite").display());
    sqlx::SqliteConnection::connect(&url).await.unwrap()
}

async fn account_on(url: &str, dir: &tempfile::TempDir) -> Account {
    let cache = Cache::open(&dir.path().join("cache.sqlite")).await.unwrap();
    let account = Account::new(PortalClient::new(url).unwrap(), cache, Arc::new(Vault::memory_only()), "test");
    account.login(DEMO_LOGIN_PHONE, DEMO_LOGIN_PASSWORD, false).await.unwrap();
    account
}

/// A demo sandbox (every answer `latency` late) whose generated company-1 numbers are Active,
/// but number 9 Blocked; an account signed in to it with company 1's list synced.
async fn start(latency: std::time::Duration) -> (RunningSandbox, Account, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let mut config = Config::demo("127.0.0.1:0".parse().unwrap(), dir.path().join("portal"));
    config.rules.answer_latency = latency;
    let portal = portal_sandbox::start(config).await.unwrap();
    let mut db = sandbox_db(&dir).await;
    sqlx::query("UPDATE numbers SET state = 'active' WHERE company_id = 1 AND msisdn LIKE '7701060%'")
        .execute(&mut db)
        .await
        .unwrap();
    sqlx::query("UPDATE numbers SET state = 'blocked' WHERE msisdn = ?")
        .bind(generated(9))
        .execute(&mut db)
        .await
        .unwrap();
    let account = account_on(&portal.url(), &dir).await;
    account.numbers().sync(1, false, &|_| {}).await.unwrap();
    (portal, account, dir)
}

/// How many SIM replacements the sandbox has for each of `numbers`.
async fn replacements(dir: &tempfile::TempDir, numbers: &[String]) -> Vec<i64> {
    let mut db = sandbox_db(dir).await;
    let mut out = Vec::new();
    for n in numbers {
        let count: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM requests WHERE kind = 'sim_replacement' AND msisdn = ?")
                .bind(n)
                .fetch_one(&mut db)
                .await
                .unwrap();
        out.push(count);
    }
    out
}

async fn all_items(account: &Account, run_id: &str) -> Vec<BulkItem> {
    account.bulk().items(run_id, 0, 1000).await.unwrap()
}

#[tokio::test]
async fn the_preview_names_each_bad_line_and_the_run_replaces_each_sim_followed_to_done() {
    let (portal, account, dir) = start(std::time::Duration::ZERO).await;
    let (a, b, c) = (generated(0), generated(1), generated(2));
    let in_use: String = sqlx::query_scalar("SELECT iccid FROM numbers WHERE msisdn = ?")
        .bind(generated(5))
        .fetch_one(&mut sandbox_db(&dir).await)
        .await
        .unwrap();
    let lines = vec![
        format!("{a} {}", iccid(1)),
        format!("+7 701 060 00 37;{}", iccid(2)),
        format!("{b},89997027508016848486"),
        format!("{a} {}", iccid(4)),
        format!("{c} {}", iccid(1)),
        String::new(),
        format!("{TELE2} {}", iccid(7)),
        format!("not a number;{}", iccid(8)),
        generated(3),
        format!("{} {in_use}", generated(4)),
        format!("{} {}", generated(9), iccid(11)),
        format!("{} {}", generated(6), iccid(12)),
    ];
    let run =
        account.bulk().preview(1, &Selection::Pairs(lines), &Action::SimReplacement { iccid: None }).await.unwrap();
    let items = all_items(&account, &run.id).await;
    let got: Vec<String> = items
        .iter()
        .map(|i| {
            let why = i.reason.as_deref().or(i.code.as_deref()).unwrap_or("-");
            format!(
                "{} {} {why} {}",
                i.state.as_str(),
                i.iccid.as_deref().unwrap_or("-"),
                i.message.as_deref().unwrap_or("")
            )
        })
        .collect();
    let expected = [
        format!("to_run {} -", iccid(1)),
        format!("to_run {} -", iccid(2)),
        "skipped 89997027508016848486 check_digit Line 3: ".to_string(),
        format!("skipped {} duplicate Line 4: This number is already on line 1.", iccid(4)),
        format!("skipped {} duplicate_iccid Line 5: This SIM card (ICCID) is already on line 1.", iccid(1)),
        format!("skipped {} not_in_company Line 7: This number is not in the company's list.", iccid(7)),
        format!("skipped {} invalid_number Line 8: This line is not a phone number.", iccid(8)),
        "skipped - invalid_iccid Line 9: This line has no new SIM card number (ICCID).".to_string(),
        format!("skipped {in_use} iccid_in_use This SIM card is already in use."),
        format!("skipped {} sim_replacement_needs_active Line 11: ", iccid(11)),
        format!("to_run {} -", iccid(12)),
    ];
    assert_eq!(got.len(), expected.len(), "{got:#?}");
    for (got, expected) in got.iter().zip(&expected) {
        assert!(got.starts_with(expected.trim_end()), "{got:?} is not {expected:?}");
    }
    assert_eq!((run.total, run.to_run, run.skipped), (11, 3, 8));
    let done_numbers = [a.clone(), b.clone(), generated(6)];
    assert_eq!(replacements(&dir, &done_numbers).await, [0, 0, 0], "a preview sends nothing");

    let done = account.bulk().run(&run.id, |_| {}).await.unwrap();
    assert_eq!((done.state, done.done, done.failed), (RunState::Finished, 3, 0));
    assert_eq!(replacements(&dir, &done_numbers).await, [1, 1, 1]);
    let items = all_items(&account, &run.id).await;
    let ran: Vec<&BulkItem> = items.iter().filter(|i| i.state == ItemState::Done).collect();
    assert_eq!(ran.len(), 3);
    assert!(ran.iter().all(|i| i.request_id.is_some() && i.request_state == Some(RequestState::InProcess)));

    // The watcher follows each to done; the run's rows and the profile show it.
    portal.clock().advance(60);
    let changed = account.follow_up().poll_due(chrono::Utc::now() + chrono::Duration::minutes(10)).await.unwrap();
    assert_eq!(changed.len(), 3, "{changed:?}");
    let items = all_items(&account, &run.id).await;
    assert!(items.iter().filter(|i| i.state == ItemState::Done).all(|i| i.request_state == Some(RequestState::Done)));
    let profile = account.numbers().detail(&a).await.unwrap().data;
    assert_eq!(profile.sim.iccid, iccid(1));
    assert!(profile.sim.sim_replaced_at.is_some());

    // The results in Excel name each number's own new SIM.
    let doc = account.bulk().export(&run.id, kabinet_core::settings::Language::En).await.unwrap();
    let x = kabinet_documents::inspect::Inspected::read(&account.library().load(doc.id).await.unwrap().bytes);
    let header = (0..12)
        .find(|&r| matches!(x.value(r, 0), kabinet_documents::inspect::Value::String(s) if s == "Number"))
        .unwrap();
    assert_eq!(x.text(header + 1, 0), a);
    assert_eq!(x.text(header + 1, 1), format!("SIM card replacement: {}", iccid(1)));
}

#[tokio::test]
async fn a_sim_replacement_takes_pairs_and_pairs_are_only_for_it() {
    let (_portal, account, _dir) = start(std::time::Duration::ZERO).await;
    let numbers = Selection::Numbers(vec![generated(0)]);
    let e = account.bulk().preview(1, &numbers, &Action::SimReplacement { iccid: None }).await.unwrap_err();
    assert_eq!((e.code, e.field.as_deref()), (ErrorCode::InvalidInput, Some("pairs")));
    let pairs = Selection::Pairs(vec![format!("{} {}", generated(0), iccid(1))]);
    let e = account.bulk().preview(1, &pairs, &Action::Block).await.unwrap_err();
    assert_eq!((e.code, e.field.as_deref()), (ErrorCode::InvalidInput, Some("selection")));
    assert!(account.bulk().runs(Some(1)).await.unwrap().is_empty(), "nothing kept");
}

/// The process dies in the middle of a run (its task is dropped with requests in flight, then
/// the cache is opened anew, as the next start does): the run is paused, resumes, and the portal
/// replaces each SIM exactly once, numbers whose answer was lost re-sent with their own key.
#[tokio::test]
async fn a_run_whose_process_dies_midway_resumes_and_replaces_each_sim_once() {
    let (portal, account, dir) = start(std::time::Duration::from_millis(500)).await;
    let numbers: Vec<String> = (10..20).map(generated).collect();
    let lines: Vec<String> =
        numbers.iter().enumerate().map(|(i, n)| format!("{n} {}", iccid(100 + i as u64))).collect();
    let run =
        account.bulk().preview(1, &Selection::Pairs(lines), &Action::SimReplacement { iccid: None }).await.unwrap();
    assert_eq!(run.to_run, 10);
    let account = Arc::new(account);
    let runner = {
        let (account, id) = (account.clone(), run.id.clone());
        tokio::spawn(async move { account.bulk().run(&id, |_| {}).await })
    };
    // Every answer is 500 ms late, 4 in flight: at 750 ms the first four are answered, the next
    // four done by the portal with their answers on the way, the last two not sent. Then the
    // process is gone.
    tokio::time::sleep(std::time::Duration::from_millis(750)).await;
    runner.abort();
    assert!(runner.await.unwrap_err().is_cancelled());
    let sent_before = replacements(&dir, &numbers).await;
    assert!(sent_before.iter().sum::<i64>() > 0 && sent_before.contains(&0), "died midway: {sent_before:?}");
    drop(account);

    let account = account_on(&portal.url(), &dir).await;
    assert_eq!(account.bulk().get(&run.id).await.unwrap().state, RunState::Paused, "paused at the next start");
    let done = account.bulk().run(&run.id, |_| {}).await.unwrap();
    assert_eq!(
        (done.state, done.done, done.failed),
        (RunState::Finished, 10, 0),
        "{:?}",
        all_items(&account, &run.id).await
    );
    assert_eq!(replacements(&dir, &numbers).await, vec![1; 10], "each SIM replaced once");
}
