//! Where "remember me" keeps the session: the OS keychain (macOS Keychain, Windows Credential
//! Manager, the Secret Service on Linux), or memory only when there is none (a headless Linux).
//!
//! The session token is the only secret Kabinet keeps between runs, and it is never written to
//! the cache or the settings file. Callers learn which [`Persistence`] they got, so the UI can
//! say "you will need to sign in again next time" instead of failing silently.
//!
//! Keychain calls block: the Secret Service answers over D-Bus and may wait for the user to
//! unlock the keyring. So the keychain is reached only through [`SecretStore`], whose blocking
//! calls [`Vault`] makes on tokio's blocking threads; [`Vault`]'s API is async, and there is no
//! way to call the keychain from async code on its own thread.

use crate::client::Token;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Set to `off` to keep secrets in memory only (tests, kiosks).
pub const KEYCHAIN_ENV: &str = "KABINET_KEYCHAIN";

/// The entry read once at start to learn whether a keychain answers.
const PROBE_ACCOUNT: &str = "kabinet-probe";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Persistence {
    /// Kept by the OS keychain across restarts.
    Keychain,
    /// Kept until the app closes.
    MemoryOnly,
}

/// A remembered session: who, and the token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RememberedSession {
    pub phone: String,
    pub token: Token,
}

#[derive(Serialize, Deserialize)]
struct Stored {
    phone: String,
    token: String,
}

/// A keychain, one secret per account name. Its calls may block for as long as the user takes
/// to unlock it: [`Vault`] makes them on blocking threads only.
pub trait SecretStore: Send + Sync + 'static {
    /// The secret, or None when there is no entry.
    fn get(&self, account: &str) -> Result<Option<String>, String>;
    fn set(&self, account: &str, secret: &str) -> Result<(), String>;
    /// Removes the entry; no entry is not an error.
    fn delete(&self, account: &str) -> Result<(), String>;
}

/// The OS keychain, under one service name.
struct OsKeychain {
    service: String,
}

impl SecretStore for OsKeychain {
    fn get(&self, account: &str) -> Result<Option<String>, String> {
        match keyring::Entry::new(&self.service, account).and_then(|e| e.get_password()) {
            Ok(secret) => Ok(Some(secret)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(e.to_string()),
        }
    }

    fn set(&self, account: &str, secret: &str) -> Result<(), String> {
        keyring::Entry::new(&self.service, account).and_then(|e| e.set_password(secret)).map_err(|e| e.to_string())
    }

    fn delete(&self, account: &str) -> Result<(), String> {
        match keyring::Entry::new(&self.service, account).and_then(|e| e.delete_credential()) {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(e.to_string()),
        }
    }
}

/// Runs a blocking keychain call on tokio's blocking threads; a call that panicked counts as a
/// keychain that did not answer.
async fn off_thread<T: Send + 'static>(call: impl FnOnce() -> Result<T, String> + Send + 'static) -> Result<T, String> {
    tokio::task::spawn_blocking(call).await.map_err(|e| format!("the keychain call failed: {e}"))?
}

/// Session storage keyed by portal.
pub struct Vault {
    /// None: memory only.
    store: Option<Arc<dyn SecretStore>>,
    memory: Mutex<HashMap<String, RememberedSession>>,
}

impl Vault {
    /// Uses the OS keychain under `service` when one answers, memory otherwise.
    pub async fn system(service: &str) -> Self {
        let disabled = std::env::var(KEYCHAIN_ENV).map(|v| v == "off").unwrap_or(false);
        if disabled {
            return Self::memory_only();
        }
        let store: Arc<dyn SecretStore> = Arc::new(OsKeychain { service: service.to_string() });
        let probe = store.clone();
        match off_thread(move || probe.get(PROBE_ACCOUNT)).await {
            Ok(_) => Self::with_store(store),
            Err(e) => {
                tracing::info!("no OS keychain available ({e}); remembered sessions last until the app closes");
                Self::memory_only()
            }
        }
    }

    /// Memory only, whatever the OS offers.
    pub fn memory_only() -> Self {
        Self { store: None, memory: Mutex::new(HashMap::new()) }
    }

    /// Keeps sessions in `store` (another keychain, or a test's).
    pub fn with_store(store: Arc<dyn SecretStore>) -> Self {
        Self { store: Some(store), memory: Mutex::new(HashMap::new()) }
    }

    pub fn persistence(&self) -> Persistence {
        if self.store.is_some() {
            Persistence::Keychain
        } else {
            Persistence::MemoryOnly
        }
    }

    /// Remembers the session for `portal`. Falls back to memory if the keychain refuses.
    pub async fn save(&self, portal: &str, session: &RememberedSession) -> Persistence {
        if let Some(store) = self.store.clone() {
            let stored = Stored { phone: session.phone.clone(), token: session.token.expose().to_string() };
            let json = serde_json::to_string(&stored).expect("plain struct");
            let account = portal.to_string();
            match off_thread(move || store.set(&account, &json)).await {
                Ok(()) => return Persistence::Keychain,
                Err(e) => tracing::warn!("keychain refused the session, keeping it in memory: {e}"),
            }
        }
        self.memory.lock().expect("vault lock").insert(portal.to_string(), session.clone());
        Persistence::MemoryOnly
    }

    pub async fn load(&self, portal: &str) -> Option<RememberedSession> {
        if let Some(s) = self.memory.lock().expect("vault lock").get(portal) {
            return Some(s.clone());
        }
        let store = self.store.clone()?;
        let account = portal.to_string();
        let json = match off_thread(move || store.get(&account)).await {
            Ok(json) => json?,
            Err(e) => {
                tracing::warn!("could not read the session from the keychain: {e}");
                return None;
            }
        };
        let stored: Stored = serde_json::from_str(&json).ok()?;
        Some(RememberedSession { phone: stored.phone, token: Token::new(stored.token) })
    }

    /// Forgets the session for `portal`, and waits until the keychain has removed it.
    pub async fn forget(&self, portal: &str) {
        if let Some(removal) = self.forget_soon(portal) {
            let _ = removal.await;
        }
    }

    /// Forgets the session for `portal` in memory now, and removes it from the keychain on a
    /// blocking thread without waiting (for code that cannot wait, such as an error check).
    /// Returns the removal, to await when the caller can.
    pub fn forget_soon(&self, portal: &str) -> Option<tokio::task::JoinHandle<()>> {
        self.memory.lock().expect("vault lock").remove(portal);
        let store = self.store.clone()?;
        let account = portal.to_string();
        let runtime = tokio::runtime::Handle::try_current().ok()?;
        Some(runtime.spawn_blocking(move || {
            if let Err(e) = store.delete(&account) {
                tracing::warn!("could not remove the session from the keychain: {e}");
            }
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering};
    use std::time::Duration;

    #[tokio::test]
    async fn memory_vault_round_trip_and_forget() {
        let vault = Vault::memory_only();
        assert_eq!(vault.persistence(), Persistence::MemoryOnly);
        let s = RememberedSession { phone: "77010016515".into(), token: Token::new("t".into()) };
        assert_eq!(vault.save("demo", &s).await, Persistence::MemoryOnly);
        assert_eq!(vault.load("demo").await, Some(s));
        assert_eq!(vault.load("other").await, None);
        vault.forget("demo").await;
        assert_eq!(vault.load("demo").await, None);
    }

    #[tokio::test]
    async fn disabled_keychain_falls_back_to_memory() {
        std::env::set_var(KEYCHAIN_ENV, "off");
        assert_eq!(Vault::system("kabinet-test").await.persistence(), Persistence::MemoryOnly);
    }

    /// A keychain that takes `delay` to answer each call, as a locked Secret Service does
    /// while it waits for the user.
    pub(crate) struct SlowStore {
        pub delay: Duration,
        pub entries: Mutex<HashMap<String, String>>,
    }

    impl SecretStore for SlowStore {
        fn get(&self, account: &str) -> Result<Option<String>, String> {
            std::thread::sleep(self.delay);
            Ok(self.entries.lock().unwrap().get(account).cloned())
        }
        fn set(&self, account: &str, secret: &str) -> Result<(), String> {
            std::thread::sleep(self.delay);
            self.entries.lock().unwrap().insert(account.into(), secret.into());
            Ok(())
        }
        fn delete(&self, account: &str) -> Result<(), String> {
            std::thread::sleep(self.delay);
            self.entries.lock().unwrap().remove(account);
            Ok(())
        }
    }

    /// On a single-threaded runtime, a keychain call made on the async thread would stop every
    /// other task for as long as it blocks; made on a blocking thread, the others keep running.
    #[tokio::test(flavor = "current_thread")]
    async fn slow_keychain_calls_do_not_block_other_tasks() {
        let store = Arc::new(SlowStore { delay: Duration::from_millis(300), entries: Mutex::default() });
        let vault = Vault::with_store(store.clone());
        let ticks = Arc::new(AtomicU32::new(0));
        let counter = ticks.clone();
        let ticker = tokio::spawn(async move {
            loop {
                tokio::time::sleep(Duration::from_millis(10)).await;
                counter.fetch_add(1, Ordering::Relaxed);
            }
        });
        let s = RememberedSession { phone: "77010016515".into(), token: Token::new("t".into()) };

        for step in ["save", "load", "forget"] {
            let before = ticks.load(Ordering::Relaxed);
            match step {
                "save" => assert_eq!(vault.save("demo", &s).await, Persistence::Keychain),
                "load" => assert_eq!(vault.load("demo").await, Some(s.clone())),
                _ => vault.forget("demo").await,
            }
            let during = ticks.load(Ordering::Relaxed) - before;
            // 300 ms of keychain: the 10 ms ticker ran all along (at least 10 ticks, with slack).
            assert!(during >= 10, "{step}: other tasks ran only {during} times while the keychain answered");
        }
        assert!(store.entries.lock().unwrap().is_empty(), "forget removed the entry");
        ticker.abort();
    }
}
