//! A sync killed mid-way (`kill -9` of the CLI while it syncs) leaves the cached list as it was.
//!
//! A full sync writes each page into its transaction as the page arrives, while the next ones
//! are still being fetched (`kabinet_core::sync`), so the old list is already deleted inside a
//! transaction that is open for most of the sync. The CLI is killed after each page it reported
//! (its progress line on stderr comes after the page's rows were written), before the last page
//! arrives (the sandbox answers 300 ms late); each time the cache must hold the whole list, every
//! place taken once, and the previous sync's watermark.

mod common;

use common::Env;
use std::io::{BufRead, BufReader};
use std::process::Stdio;

/// Company 4 of the large seed: 4 pages of 5,000.
const COMPANY: &str = "4";
const NUMBERS: i64 = 20_000;

/// A sync of the list by the library on the CLI's cache, as the CLI's administrator (the CLI's
/// own `sync` also fetches the charges after the list, which takes long in a debug build).
async fn sync_here(env: &Env, full: bool) {
    let url = env.portal.as_ref().unwrap().url();
    let cache = kabinet_core::cache::Cache::open(&env.dir.path().join("data").join("cache.sqlite")).await.unwrap();
    let account = kabinet_core::account::Account::new(
        kabinet_core::client::PortalClient::new(&url).unwrap(),
        cache.clone(),
        std::sync::Arc::new(kabinet_core::secrets::Vault::memory_only()),
        &url,
    );
    account.login(portal_sandbox::DEMO_LOGIN_PHONE, portal_sandbox::DEMO_LOGIN_PASSWORD, false).await.unwrap();
    account.companies().await.unwrap();
    let report = account.numbers().sync(4, full, &|_| {}).await.unwrap();
    assert_eq!(report.written as i64, NUMBERS);
    cache.pool().close().await;
}

/// The cached list's length, how many distinct places it has, its last place, and the watermark.
async fn cached(env: &Env) -> (i64, i64, i64, String) {
    let cache = kabinet_core::cache::Cache::open(&env.dir.path().join("data").join("cache.sqlite")).await.unwrap();
    let list: (i64, i64, i64) =
        sqlx::query_as("SELECT COUNT(*), COUNT(DISTINCT position), MAX(position) FROM numbers WHERE company_id = ?")
            .bind(4)
            .fetch_one(cache.pool())
            .await
            .unwrap();
    let watermark: String = sqlx::query_scalar("SELECT watermark FROM sync_state WHERE company_id = 4")
        .fetch_one(cache.pool())
        .await
        .unwrap();
    cache.pool().close().await;
    (list.0, list.1, list.2, watermark)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_sync_killed_after_any_page_leaves_the_cached_list_whole() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = portal_sandbox::Config::demo("127.0.0.1:0".parse().unwrap(), dir.path().join("portal"));
    config.seed = portal_sandbox::Seed::Large(NUMBERS as u32);
    config.rules.answer_latency = std::time::Duration::from_millis(300);
    let env = Env { portal: Some(portal_sandbox::start(config).await.unwrap()), dir };
    env.login().await;
    sync_here(&env, false).await;
    let before = cached(&env).await;
    assert_eq!((before.0, before.1, before.2), (NUMBERS, NUMBERS, NUMBERS - 1));

    for pages in 1..=3 {
        let mut child = env.command(&["sync", "--company", COMPANY, "--full"]).stderr(Stdio::piped()).spawn().unwrap();
        let stderr = child.stderr.take().unwrap();
        let killed = tokio::task::spawn_blocking(move || {
            let mut seen = Vec::new();
            for line in BufReader::new(stderr).lines() {
                let line = line.unwrap();
                seen.push(line);
                if seen.len() == pages {
                    child.kill().unwrap();
                    break;
                }
            }
            let status = child.wait().unwrap();
            (status, seen)
        })
        .await
        .unwrap();
        assert!(!killed.0.success(), "killed after {pages} page(s) ({:?}), not finished", killed.1);
        assert_eq!(cached(&env).await, before, "after a kill following page {pages}: {:?}", killed.1);
    }

    // And the list syncs again afterwards.
    sync_here(&env, true).await;
    let after = cached(&env).await;
    assert_eq!((after.0, after.1, after.2), (NUMBERS, NUMBERS, NUMBERS - 1));
    assert_ne!(after.3, before.3, "a new watermark");
}
