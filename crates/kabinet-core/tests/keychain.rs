//! "Remember me" with a keychain that is slow to answer (a Secret Service waiting for the user
//! to unlock it): sign-in, restore and the end of a session must not hold the async thread
//! while it answers. The runtime has one thread, so a blocking call would stop the ticker.

mod common;

use common::{fake_portal, login_answer};
use kabinet_core::account::Account;
use kabinet_core::cache::Cache;
use kabinet_core::client::PortalClient;
use kabinet_core::secrets::{Persistence, SecretStore, Vault};
use serde_json::json;
use std::collections::HashMap;
use std::future::Future;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const DELAY: Duration = Duration::from_millis(300);

struct SlowStore(Mutex<HashMap<String, String>>);

impl SecretStore for SlowStore {
    fn get(&self, account: &str) -> Result<Option<String>, String> {
        std::thread::sleep(DELAY);
        Ok(self.0.lock().unwrap().get(account).cloned())
    }
    fn set(&self, account: &str, secret: &str) -> Result<(), String> {
        std::thread::sleep(DELAY);
        self.0.lock().unwrap().insert(account.into(), secret.into());
        Ok(())
    }
    fn delete(&self, account: &str) -> Result<(), String> {
        std::thread::sleep(DELAY);
        self.0.lock().unwrap().remove(account);
        Ok(())
    }
}

/// How many times a 10 ms ticker on the same (single) thread ran while `work` ran.
async fn ticks_during<T>(work: impl Future<Output = T>) -> (T, u32) {
    let ticks = Arc::new(AtomicU32::new(0));
    let counter = ticks.clone();
    let ticker = tokio::spawn(async move {
        loop {
            tokio::time::sleep(Duration::from_millis(10)).await;
            counter.fetch_add(1, Ordering::Relaxed);
        }
    });
    tokio::task::yield_now().await;
    let out = work.await;
    ticker.abort();
    (out, ticks.load(Ordering::Relaxed))
}

#[tokio::test(flavor = "current_thread")]
async fn login_and_restore_wait_for_a_slow_keychain_without_blocking_other_tasks() {
    let url = fake_portal(Arc::new(|method: &str, path: &str| match (method, path) {
        ("POST", "/api/v1/auth/login") => login_answer(),
        ("GET", "/api/v1/profile") => login_answer()["profile"].clone(),
        _ => json!({}),
    }));
    let store = Arc::new(SlowStore(Mutex::default()));
    let vault = Arc::new(Vault::with_store(store.clone()));
    let cache = Cache::in_memory().await.unwrap();
    let account = Account::new(PortalClient::new(&url).unwrap(), cache.clone(), vault.clone(), "fake");

    let (signed_in, ticks) = ticks_during(account.login("77010016515", "Kabinet-2026", true)).await;
    assert_eq!(signed_in.unwrap().remembered, Some(Persistence::Keychain));
    assert!(ticks >= 10, "login: other tasks ran {ticks} times in 300 ms of keychain");
    assert_eq!(store.0.lock().unwrap().len(), 1, "the session is in the keychain");

    let next_start = Account::new(PortalClient::new(&url).unwrap(), cache.clone(), vault.clone(), "fake");
    let (restored, ticks) = ticks_during(next_start.restore()).await;
    assert_eq!(restored.unwrap().unwrap().data.phone, "77010016515");
    assert!(ticks >= 10, "restore: other tasks ran {ticks} times in 300 ms of keychain");

    let (_, ticks) = ticks_during(next_start.logout()).await;
    assert!(ticks >= 10, "logout: other tasks ran {ticks} times in 300 ms of keychain");
    assert!(store.0.lock().unwrap().is_empty(), "logout removed the session from the keychain");
}
