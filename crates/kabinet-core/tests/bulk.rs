//! Bulk actions through the account against a real sandbox: the preview's reasons (local and
//! the portal's), a run that does the rest, a run cancelled halfway and resumed that does each
//! number exactly once (counted in the sandbox), a number left `sending` re-sent with its key
//! and acted on once, a `running` run paused when the cache opens again, and the results
//! exported to XLSX.

mod common;

use kabinet_core::account::Account;
use kabinet_core::action::Action;
use kabinet_core::api::Ban;
use kabinet_core::bulk::{BulkItem, ItemState, PortalCheck, RunState, Selection};
use kabinet_core::cache::Cache;
use kabinet_core::client::PortalClient;
use kabinet_core::secrets::Vault;
use kabinet_core::settings::Language;
use kabinet_core::ErrorCode;
use kabinet_documents::inspect::Inspected;
use portal_sandbox::{Config, RunningSandbox, DEMO_LOGIN_PASSWORD, DEMO_LOGIN_PHONE};
use sqlx::Connection;
use std::sync::Arc;

/// A generated number of the demo company (company 1): `77010600000 + i × 37`, all made Active
/// by [`start`].
fn generated(i: u64) -> String {
    (77_010_600_000 + i * 37).to_string()
}

/// Put in Blocked / Debt by [`start`].
const DEBT: u64 = 29;
/// A number of company 3, another administrator's.
const TELE2: &str = "77754100000";

struct Setup {
    portal: RunningSandbox,
    account: Account,
    dir: tempfile::TempDir,
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

/// A demo sandbox whose generated company-1 numbers are Active (but one in Blocked / Debt), an
/// account with a file cache signed in to it, and company 1's list synced.
async fn start() -> Setup {
    start_with_latency(std::time::Duration::ZERO).await
}

/// [`start`], with every answer of the portal `latency` late.
async fn start_with_latency(latency: std::time::Duration) -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let mut config = Config::demo("127.0.0.1:0".parse().unwrap(), dir.path().join("portal"));
    config.rules.answer_latency = latency;
    let portal = portal_sandbox::start(config).await.unwrap();
    let mut db = sandbox_db(&dir).await;
    sqlx::query("UPDATE numbers SET state = 'active', ban_mykcell = 0 WHERE company_id = 1 AND msisdn LIKE '7701060%'")
        .execute(&mut db)
        .await
        .unwrap();
    sqlx::query("UPDATE numbers SET state = 'blocked_debt', debt = 100000 WHERE msisdn = ?")
        .bind(generated(DEBT))
        .execute(&mut db)
        .await
        .unwrap();
    let account = account_on(&portal.url(), &dir).await;
    account.numbers().sync(1, false, &|_| {}).await.unwrap();
    Setup { portal, account, dir }
}

/// How many block requests the sandbox has for each of `numbers`.
async fn blocks(dir: &tempfile::TempDir, numbers: &[String]) -> Vec<i64> {
    let mut db = sandbox_db(dir).await;
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

async fn all_items(account: &Account, run_id: &str) -> Vec<BulkItem> {
    account.bulk().items(run_id, 0, 1000).await.unwrap()
}

fn summary(items: &[BulkItem]) -> Vec<String> {
    items.iter().map(|i| format!("{} {} {}", i.msisdn, i.state.as_str(), i.reason.as_deref().unwrap_or("-"))).collect()
}

#[tokio::test]
async fn the_preview_skips_a_debt_number_and_another_company_s_with_reasons_and_the_run_does_the_rest() {
    let Setup { portal, account, dir } = start().await;
    let (a, b, debt) = (generated(0), generated(1), generated(DEBT));
    let lines = vec![
        a.clone(),
        "+7 701 060 00 37".to_string(),
        debt.clone(),
        TELE2.to_string(),
        "not a number".to_string(),
        "8 701 060 00 00".to_string(),
        String::new(),
    ];
    let run = account.bulk().preview(1, &Selection::Numbers(lines), &Action::Block).await.unwrap();
    assert_eq!((run.state, run.total, run.to_run, run.skipped, run.remaining), (RunState::Ready, 6, 2, 4, 2));
    assert_eq!(run.portal_check, PortalCheck::Checked);
    let items = all_items(&account, &run.id).await;
    assert_eq!(
        summary(&items),
        [
            format!("{a} to_run -"),
            format!("{b} to_run -"),
            format!("{debt} skipped block_needs_active"),
            format!("{TELE2} skipped not_in_company"),
            "not a number skipped invalid_number".to_string(),
            format!("{a} skipped duplicate"),
        ]
    );
    assert_eq!(items[2].code.as_deref(), Some("not_allowed_in_state"));
    assert_eq!(blocks(&dir, &[a.clone(), b.clone()]).await, [0, 0], "a preview sends nothing");

    let seen = std::sync::Mutex::new(Vec::new());
    let done = account.bulk().run(&run.id, |r| seen.lock().unwrap().push((r.state, r.done))).await.unwrap();
    assert_eq!((done.state, done.done, done.failed, done.remaining), (RunState::Finished, 2, 0, 0));
    let seen = seen.into_inner().unwrap();
    assert_eq!(seen.last(), Some(&(RunState::Finished, 2)), "the last progress is the end: {seen:?}");
    assert_eq!(blocks(&dir, &[a.clone(), b.clone(), debt.clone()]).await, [1, 1, 0]);
    let items = all_items(&account, &run.id).await;
    assert!(items[..2].iter().all(|i| i.state == ItemState::Done && i.request_id.is_some() && i.finished_at.is_some()));
    // The list was synced at the end: the blocked numbers show In process.
    let row = account.numbers().window(1, &Default::default(), 0, 500).await.unwrap();
    let state_of = |m: &str| row.rows.iter().find(|r| r.msisdn == m).map(|r| r.state.as_str().to_string());
    assert_eq!(state_of(&a).as_deref(), Some("in_process"));

    // The portal knows more than the cache: a service already enabled is skipped by its check.
    let on = Action::ServiceEnable { service: "offnet-50".into() };
    let run =
        account.bulk().preview(1, &Selection::Numbers(vec!["77010542007".into(), generated(2)]), &on).await.unwrap();
    let items = all_items(&account, &run.id).await;
    assert_eq!((items[0].state, items[0].code.as_deref()), (ItemState::Skipped, Some("already_enabled")));
    assert_eq!(items[1].state, ItemState::ToRun);

    // Offline, the preview works on the local rules and says the portal's checks were not made.
    portal.shutdown().await;
    let ban = Action::BanSet { ban: Ban::Mykcell };
    let run = account.bulk().preview(1, &Selection::Numbers(vec![generated(3), TELE2.into()]), &ban).await.unwrap();
    assert_eq!(run.portal_check, PortalCheck::Unreachable);
    assert_eq!((run.to_run, run.skipped), (1, 1));
}

#[tokio::test]
async fn a_run_cancelled_halfway_then_resumed_does_each_number_exactly_once() {
    // Each answer 20 ms late: the cancel, asked at the 8th, lands long before the 20th.
    let Setup { portal: _portal, account, dir } = start_with_latency(std::time::Duration::from_millis(20)).await;
    let numbers: Vec<String> = (0..20).map(generated).collect();
    let run = account.bulk().preview(1, &Selection::Numbers(numbers.clone()), &Action::Block).await.unwrap();
    assert_eq!(run.to_run, 20);

    let halfway = tokio::sync::Notify::new();
    let progress = |r: &kabinet_core::bulk::BulkRun| {
        if r.done >= 8 {
            halfway.notify_one();
        }
    };
    let bulk = account.bulk();
    let (cancelled, _) = tokio::join!(bulk.run(&run.id, progress), async {
        halfway.notified().await;
        bulk.cancel(&run.id).await.unwrap();
    });
    let cancelled = cancelled.unwrap();
    assert_eq!(cancelled.state, RunState::Cancelled);
    assert!(cancelled.done >= 8 && cancelled.done < 20, "stopped between numbers: {cancelled:?}");
    assert_eq!(cancelled.done + cancelled.remaining, 20);
    let counts = blocks(&dir, &numbers).await;
    assert_eq!(counts.iter().sum::<i64>() as u64, cancelled.done, "{counts:?}");
    assert!(counts.iter().all(|&c| c <= 1));

    // The partial result, exported: done rows, and the rest "cancelled".
    let doc = account.bulk().export(&run.id, Language::En).await.unwrap();
    assert_eq!(doc.kind.as_str(), "bulk_results");
    let x = Inspected::read(&account.library().load(doc.id).await.unwrap().bytes);
    assert_eq!(x.text(0, 0), "Bulk action");
    let header = (0..12)
        .find(|&r| matches!(x.value(r, 0), kabinet_documents::inspect::Value::String(s) if s == "Number"))
        .unwrap();
    let results: Vec<String> = (0..20).map(|i| x.text(header + 1 + i, 2)).collect();
    assert_eq!(results.iter().filter(|r| *r == "done").count() as u64, cancelled.done);
    assert_eq!(results.iter().filter(|r| *r == "cancelled").count() as u64, 20 - cancelled.done);
    assert_eq!(x.text(header + 1, 0), numbers[0]);
    assert_eq!(x.text(header + 1, 1), "Block");

    let finished = account.bulk().run(&run.id, |_| {}).await.unwrap();
    assert_eq!((finished.state, finished.done, finished.failed, finished.remaining), (RunState::Finished, 20, 0, 0));
    assert_eq!(blocks(&dir, &numbers).await, vec![1; 20], "each number blocked exactly once");
    assert!(all_items(&account, &run.id).await.iter().all(|i| i.state == ItemState::Done));
    // Running a finished run again sends nothing.
    account.bulk().run(&run.id, |_| {}).await.unwrap();
    assert_eq!(blocks(&dir, &numbers).await, vec![1; 20]);
}

#[tokio::test]
async fn a_number_left_sending_is_re_sent_with_its_key_and_the_portal_acts_once() {
    let Setup { portal, account, dir } = start().await;
    let numbers: Vec<String> = (0..3).map(generated).collect();
    let run = account.bulk().preview(1, &Selection::Numbers(numbers.clone()), &Action::Block).await.unwrap();
    // A preview makes no key: a number's key is made when it is first sent.
    let cache = sqlx::SqliteConnection::connect(&format!("sqlite://{}", dir.path().join("cache.sqlite").display()));
    let mut cache = cache.await.unwrap();
    let keys: i64 = sqlx::query_scalar("SELECT COUNT(idempotency_key) FROM bulk_items WHERE run_id = ?")
        .bind(&run.id)
        .fetch_one(&mut cache)
        .await
        .unwrap();
    assert_eq!(keys, 0, "no key before a number is sent");
    // The app sent the first number (its key made and kept then) and died before recording the
    // answer.
    let key = uuid::Uuid::new_v4().to_string();
    sqlx::query("UPDATE bulk_items SET state = 'sending', idempotency_key = ? WHERE run_id = ? AND position = 0")
        .bind(&key)
        .bind(&run.id)
        .execute(&mut cache)
        .await
        .unwrap();
    let token = account.client().token().unwrap();
    let first: serde_json::Value = reqwest::Client::new()
        .post(format!("{}api/v1/numbers/{}/block", portal.url(), numbers[0]))
        .bearer_auth(token.expose())
        .header("Idempotency-Key", &key)
        .json(&serde_json::json!({}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(blocks(&dir, &numbers).await, [1, 0, 0]);

    let done = account.bulk().run(&run.id, |_| {}).await.unwrap();
    assert_eq!((done.state, done.done, done.failed), (RunState::Finished, 3, 0));
    assert_eq!(blocks(&dir, &numbers).await, [1, 1, 1], "the portal acted once on the re-sent number");
    let items = all_items(&account, &run.id).await;
    assert_eq!(items[0].request_id.as_deref(), first["id"].as_str(), "the portal replayed its first answer");
    let keys: Vec<String> =
        sqlx::query_scalar("SELECT idempotency_key FROM bulk_items WHERE run_id = ? ORDER BY position")
            .bind(&run.id)
            .fetch_all(&mut cache)
            .await
            .unwrap();
    assert_eq!(keys[0], key, "the first key kept");
    assert_eq!(keys.iter().collect::<std::collections::HashSet<_>>().len(), 3, "a key of its own for each number sent");
}

#[tokio::test]
async fn a_run_left_running_is_paused_when_the_cache_opens_again_and_resumes() {
    let Setup { portal, account, dir } = start().await;
    let numbers: Vec<String> = (0..4).map(generated).collect();
    let ban = Action::BanSet { ban: Ban::Mykcell };
    let run = account.bulk().preview(1, &Selection::Numbers(numbers.clone()), &ban).await.unwrap();
    let mut cache = sqlx::SqliteConnection::connect(&format!("sqlite://{}", dir.path().join("cache.sqlite").display()))
        .await
        .unwrap();
    sqlx::query("UPDATE bulk_runs SET state = 'running' WHERE id = ?").bind(&run.id).execute(&mut cache).await.unwrap();
    drop(cache);
    drop(account);

    let account = account_on(&portal.url(), &dir).await;
    let runs = account.bulk().runs(Some(1)).await.unwrap();
    assert_eq!(runs.iter().find(|r| r.id == run.id).map(|r| r.state), Some(RunState::Paused));
    let done = account.bulk().run(&run.id, |_| {}).await.unwrap();
    assert_eq!((done.state, done.done), (RunState::Finished, 4));
    // Another administrator sees neither the run nor its items.
    let other = Account::new(
        PortalClient::new(&portal.url()).unwrap(),
        Cache::open(&dir.path().join("cache.sqlite")).await.unwrap(),
        Arc::new(Vault::memory_only()),
        "test",
    );
    other.login("77071234567", DEMO_LOGIN_PASSWORD, false).await.unwrap();
    assert!(other.bulk().runs(None).await.unwrap().is_empty());
    assert_eq!(other.bulk().items(&run.id, 0, 10).await.unwrap_err().code, ErrorCode::NotFound);
    // Discarded: gone with its items.
    account.bulk().discard(&run.id).await.unwrap();
    assert_eq!(account.bulk().get(&run.id).await.unwrap_err().code, ErrorCode::NotFound);
}

#[tokio::test]
async fn an_action_without_its_service_is_refused_by_the_field_and_nothing_is_kept() {
    let Setup { portal: _portal, account, dir: _dir } = start().await;
    let e = account
        .bulk()
        .preview(1, &Selection::Search(String::new()), &Action::ServiceEnable { service: " ".into() })
        .await
        .unwrap_err();
    assert_eq!((e.code, e.field.as_deref()), (ErrorCode::InvalidInput, Some("service")));
    assert!(account.bulk().runs(None).await.unwrap().is_empty());
    // A search selects from the cached list, in its order; the whole company when empty.
    let run = account.bulk().preview(1, &Selection::Search("701 060 00".into()), &Action::Unblock).await.unwrap();
    assert!(run.total >= 1 && run.to_run == 0, "active numbers are not unblocked: {run:?}");
    let all = account.bulk().preview(1, &Selection::Search(String::new()), &Action::Block).await.unwrap();
    assert_eq!(all.total, 33);
}

#[tokio::test]
async fn a_run_whose_portal_cannot_be_reached_pauses_with_its_numbers_left_to_send() {
    let Setup { portal, account, dir } = start().await;
    let numbers: Vec<String> = (0..6).map(generated).collect();
    let run = account.bulk().preview(1, &Selection::Numbers(numbers), &Action::Block).await.unwrap();
    portal.shutdown().await;
    let paused = account.bulk().run(&run.id, |_| {}).await.unwrap();
    assert_eq!((paused.state, paused.done, paused.failed, paused.remaining), (RunState::Paused, 0, 0, 6));
    let items = all_items(&account, &run.id).await;
    let sending = items.iter().filter(|i| i.state == ItemState::Sending).count();
    assert!((1..=4).contains(&sending), "the ones in flight stay sending, to be re-sent with their keys: {sending}");
    assert!(items.iter().all(|i| matches!(i.state, ItemState::Sending | ItemState::ToRun)));
    // Each is an intent of the run, kept with the key made at the preview (the one store of
    // keys kept until the portal answers), and not a left-over action of the user's.
    let mut cache = sqlx::SqliteConnection::connect(&format!("sqlite://{}", dir.path().join("cache.sqlite").display()))
        .await
        .unwrap();
    let kept: Vec<(String, String)> = sqlx::query_as(
        "SELECT i.key, b.idempotency_key FROM intents i JOIN bulk_items b ON b.run_id = i.run_id AND b.msisdn = i.msisdn
         WHERE i.run_id = ?",
    )
    .bind(&run.id)
    .fetch_all(&mut cache)
    .await
    .unwrap();
    assert_eq!(kept.len(), sending, "{kept:?}");
    assert!(kept.iter().all(|(intent, item)| intent == item), "{kept:?}");
    assert!(account.intents().pending().await.unwrap().is_empty(), "the run resumes its own");
    // Paused, it can be cancelled at once (no runner to wait for).
    assert_eq!(account.bulk().cancel(&run.id).await.unwrap().state, RunState::Cancelled);
}

#[tokio::test]
async fn a_bulk_block_is_followed_by_the_watcher_and_the_list_shows_the_numbers_blocked() {
    let Setup { portal, account, dir: _dir } = start().await;
    let numbers: Vec<String> = (0..3).map(generated).collect();
    let run = account.bulk().preview(1, &Selection::Numbers(numbers.clone()), &Action::Block).await.unwrap();
    account.bulk().run(&run.id, |_| {}).await.unwrap();
    for n in &numbers {
        let requests = account.requests().of_number(n).await.unwrap();
        assert_eq!(requests.len(), 1, "{n}: the bulk block is followed like one sent alone");
    }
    // The portal completes them; the watcher's step (what the app loops on) sees it.
    portal.clock().advance(60);
    let changed = account.follow_up().poll_due(chrono::Utc::now() + chrono::Duration::minutes(10)).await.unwrap();
    assert_eq!(changed.len(), 3, "{changed:?}");
    let rows = account.numbers().window(1, &Default::default(), 0, 500).await.unwrap();
    for n in &numbers {
        let state = rows.rows.iter().find(|r| &r.msisdn == n).map(|r| r.state.as_str().to_string());
        assert_eq!(state.as_deref(), Some("blocked"), "{n} shows Blocked without a sync");
    }
}

#[tokio::test]
async fn a_bulk_run_whose_portal_dies_after_a_change_resumes_and_acts_once_per_number() {
    let Setup { portal, account, dir } = start().await;
    let numbers: Vec<String> = (0..6).map(generated).collect();
    let run = account.bulk().preview(1, &Selection::Numbers(numbers.clone()), &Action::Block).await.unwrap();
    // The first block commits on the portal, and its answer is lost with the request's task.
    let status = reqwest::Client::new()
        .post(format!("{}sandbox/faults", portal.url()))
        .json(&serde_json::json!({"crash_after_change": "task"}))
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(status, 204);
    // The client re-sends a request whose connection failed once, with the same key: the
    // portal replays the committed answer instead of refusing a second block (In process).
    let done = account.bulk().run(&run.id, |_| {}).await.unwrap();
    assert_eq!((done.state, done.done, done.failed), (RunState::Finished, 6, 0));
    assert_eq!(blocks(&dir, &numbers).await, vec![1; 6], "each number blocked exactly once");
}

/// One run at a time per administrator, kept by core in the cache (no front end keeps it): a
/// second run is refused while one is claimed, and starts once the first has ended.
#[tokio::test]
async fn a_second_run_is_refused_while_one_runs_and_starts_after() {
    let Setup { portal: _portal, account, dir: _dir } = start().await;
    let numbers = |from: u64| Selection::Numbers((from..from + 2).map(generated).collect());
    let first = account.bulk().preview(1, &numbers(1), &Action::Block).await.unwrap();
    let second = account.bulk().preview(1, &numbers(5), &Action::Block).await.unwrap();
    let claimed = account.bulk().claim(&first.id).await.unwrap();
    assert_eq!(account.bulk().get(&first.id).await.unwrap().state, RunState::Running);
    let refused = account.bulk().run(&second.id, |_| {}).await.unwrap_err();
    assert_eq!(refused.code, ErrorCode::NotAllowedInState);
    assert!(refused.message.contains("Another bulk action is running"), "{}", refused.message);
    assert_eq!(account.bulk().get(&second.id).await.unwrap().state, RunState::Ready, "untouched");
    let again = account.bulk().claim(&first.id).await.unwrap_err();
    assert_eq!(again.code, ErrorCode::NotAllowedInState);

    let ended = account.bulk().run_claimed(claimed, |_| {}).await.unwrap();
    assert_eq!((ended.state, ended.done), (RunState::Finished, 2));
    let ended = account.bulk().run(&second.id, |_| {}).await.unwrap();
    assert_eq!((ended.state, ended.done), (RunState::Finished, 2));
}
