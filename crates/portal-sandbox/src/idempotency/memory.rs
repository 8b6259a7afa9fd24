//! The idempotency check's state kept in memory: the keys in flight (a key's check, action and
//! answer run one at a time) and the answers of routes that carry a secret, never written to
//! disk. `AppState` holds both; the check itself (`idempotency.rs`) reads `AppState`. Kept
//! apart, with nothing imported from the check, so the state does not depend on the layer
//! that reads it.

use chrono::{DateTime, Utc};
use std::collections::HashMap;
use std::sync::Arc;
use tokio::sync::{Mutex, OwnedMutexGuard};

/// A key's first answer.
#[derive(Clone)]
pub(super) struct Stored {
    pub(super) body_hash: String,
    pub(super) status: u16,
    pub(super) response: Vec<u8>,
}

/// Keys of routes that carry secrets (`Keep::Memory`), never written to disk; purged with
/// the database's keys after `Rules::idempotency_ttl` (`purge.rs`).
#[derive(Clone, Default)]
pub struct SecretKeys {
    keys: Arc<std::sync::Mutex<KeptInMemory>>,
}

/// Per Idempotency-Key and scope (method, path, caller): the first answer and when it was kept.
type KeptInMemory = HashMap<(String, String), (Stored, DateTime<Utc>)>;

impl SecretKeys {
    pub(super) fn get(&self, key: &str, scope: &str, since: DateTime<Utc>) -> Option<Stored> {
        let keys = self.keys.lock().unwrap_or_else(|e| e.into_inner());
        keys.get(&(key.to_string(), scope.to_string())).filter(|(_, at)| *at > since).map(|(s, _)| s.clone())
    }

    pub(super) fn put(&self, key: String, scope: String, first: Stored, at: DateTime<Utc>) {
        self.keys.lock().unwrap_or_else(|e| e.into_inner()).insert((key, scope), (first, at));
    }

    /// Forgets the keys stored at or before `before`; returns how many.
    pub fn purge(&self, before: DateTime<Utc>) -> u64 {
        let mut keys = self.keys.lock().unwrap_or_else(|e| e.into_inner());
        let len = keys.len();
        keys.retain(|_, (_, at)| *at > before);
        (len - keys.len()) as u64
    }
}

/// Requests in flight per Idempotency-Key and scope: one at a time, so a key's check, action
/// and stored answer are atomic.
#[derive(Clone, Default)]
pub struct InFlight {
    keys: Arc<std::sync::Mutex<HashMap<String, Arc<Mutex<()>>>>>,
}

impl InFlight {
    pub(super) async fn hold(&self, id: String) -> KeyTurn {
        let lock = {
            let mut keys = self.keys.lock().unwrap_or_else(|e| e.into_inner());
            keys.entry(id.clone()).or_default().clone()
        };
        KeyTurn { guard: Some(lock.lock_owned().await), keys: self.keys.clone(), id }
    }
}

/// A key's turn, held while its request runs; the key is forgotten once nobody holds it.
pub(super) struct KeyTurn {
    guard: Option<OwnedMutexGuard<()>>,
    keys: Arc<std::sync::Mutex<HashMap<String, Arc<Mutex<()>>>>>,
    id: String,
}

impl Drop for KeyTurn {
    fn drop(&mut self) {
        let mut keys = self.keys.lock().unwrap_or_else(|e| e.into_inner());
        drop(self.guard.take());
        // Nobody else holds or waits for the key (waiters clone it under this same lock).
        if keys.get(&self.id).is_some_and(|l| Arc::strong_count(l) == 1) {
            keys.remove(&self.id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_key_is_forgotten_once_no_request_holds_it() {
        let in_flight = InFlight::default();
        let first = in_flight.hold("k".into()).await;
        let second = tokio::spawn({
            let in_flight = in_flight.clone();
            async move { in_flight.hold("k".into()).await }
        });
        tokio::task::yield_now().await;
        drop(first);
        let second = second.await.unwrap();
        assert_eq!(in_flight.keys.lock().unwrap().len(), 1);
        drop(second);
        assert!(in_flight.keys.lock().unwrap().is_empty());
    }
}
