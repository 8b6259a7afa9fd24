//! Where "remember me" keeps the session: the OS keychain (macOS Keychain, Windows Credential
//! Manager, the Secret Service on Linux), or memory only when there is none (a headless Linux).
//!
//! The session token is the only secret Kabinet keeps between runs, and it is never written to
//! the cache or the settings file. Callers learn which [`Persistence`] they got, so the UI can
//! say "you will need to sign in again next time" instead of failing silently.

use crate::client::Token;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::Mutex;

/// Set to `off` to keep secrets in memory only (tests, kiosks).
pub const KEYCHAIN_ENV: &str = "KABINET_KEYCHAIN";

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

/// Session storage keyed by portal.
pub struct Vault {
    service: String,
    keychain: bool,
    memory: Mutex<HashMap<String, RememberedSession>>,
}

impl Vault {
    /// Uses the OS keychain under `service` when one answers, memory otherwise.
    pub fn system(service: &str) -> Self {
        let disabled = std::env::var(KEYCHAIN_ENV).map(|v| v == "off").unwrap_or(false);
        let keychain = !disabled && keychain_answers(service);
        if !keychain {
            tracing::info!("no OS keychain available; remembered sessions last until the app closes");
        }
        Self { service: service.to_string(), keychain, memory: Mutex::new(HashMap::new()) }
    }

    /// Memory only, whatever the OS offers.
    pub fn memory_only() -> Self {
        Self { service: String::new(), keychain: false, memory: Mutex::new(HashMap::new()) }
    }

    pub fn persistence(&self) -> Persistence {
        if self.keychain {
            Persistence::Keychain
        } else {
            Persistence::MemoryOnly
        }
    }

    /// Remembers the session for `portal`. Falls back to memory if the keychain refuses.
    pub fn save(&self, portal: &str, session: &RememberedSession) -> Persistence {
        if self.keychain {
            let stored = Stored { phone: session.phone.clone(), token: session.token.expose().to_string() };
            let json = serde_json::to_string(&stored).expect("plain struct");
            match keyring::Entry::new(&self.service, portal).and_then(|e| e.set_password(&json)) {
                Ok(()) => return Persistence::Keychain,
                Err(e) => tracing::warn!("keychain refused the session, keeping it in memory: {e}"),
            }
        }
        self.memory.lock().expect("vault lock").insert(portal.to_string(), session.clone());
        Persistence::MemoryOnly
    }

    pub fn load(&self, portal: &str) -> Option<RememberedSession> {
        if let Some(s) = self.memory.lock().expect("vault lock").get(portal) {
            return Some(s.clone());
        }
        if !self.keychain {
            return None;
        }
        let json = keyring::Entry::new(&self.service, portal).and_then(|e| e.get_password()).ok()?;
        let stored: Stored = serde_json::from_str(&json).ok()?;
        Some(RememberedSession { phone: stored.phone, token: Token::new(stored.token) })
    }

    pub fn forget(&self, portal: &str) {
        self.memory.lock().expect("vault lock").remove(portal);
        if self.keychain {
            if let Err(e) = keyring::Entry::new(&self.service, portal).and_then(|e| e.delete_credential()) {
                if !matches!(e, keyring::Error::NoEntry) {
                    tracing::warn!("could not remove the session from the keychain: {e}");
                }
            }
        }
    }
}

fn keychain_answers(service: &str) -> bool {
    match keyring::Entry::new(service, "kabinet-probe").and_then(|e| e.get_password()) {
        Ok(_) | Err(keyring::Error::NoEntry) => true,
        Err(e) => {
            tracing::debug!("keychain probe failed: {e}");
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_vault_round_trip_and_forget() {
        let vault = Vault::memory_only();
        assert_eq!(vault.persistence(), Persistence::MemoryOnly);
        let s = RememberedSession { phone: "77010016515".into(), token: Token::new("t".into()) };
        assert_eq!(vault.save("demo", &s), Persistence::MemoryOnly);
        assert_eq!(vault.load("demo"), Some(s));
        assert_eq!(vault.load("other"), None);
        vault.forget("demo");
        assert_eq!(vault.load("demo"), None);
    }

    #[test]
    fn disabled_keychain_falls_back_to_memory() {
        std::env::set_var(KEYCHAIN_ENV, "off");
        assert_eq!(Vault::system("kabinet-test").persistence(), Persistence::MemoryOnly);
    }
}
