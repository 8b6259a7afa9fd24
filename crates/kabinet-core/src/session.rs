//! The small context every area of the account works in: the portal client, the cache, and who
//! is signed in (the owner of the cache rows). An area (`Numbers`, `Bans`, `Bulk`, …) holds a
//! `&Session`, never the whole [`crate::account::Account`].
//!
//! Why: when each area held `&Account` and `Account` listed every area, all of them formed one
//! import circle (16 modules) and any area could reach any other through the hub. Now the areas
//! import the session and the few lower areas they really use (`intents`, `requests`,
//! `numbers`), the account imports the areas, and nothing imports upwards.
//!
//! Rules that live here, once: a `session_expired` answer forgets the remembered session, and
//! the next call says so too until a sign-in (`Session::check`); a cache row is filed under the administrator who asked
//! (`Session::owner`); a request that starts wakes the watcher (`Session::request_started`).

use crate::api::Company;
use crate::cache::{self, Cache, Owner};
use crate::client::PortalClient;
use crate::error::{Error, ErrorCode, Result};
use crate::secrets::Vault;
use std::sync::{Arc, RwLock};

pub struct Session {
    pub(crate) client: PortalClient,
    pub(crate) cache: Cache,
    pub(crate) vault: Arc<Vault>,
    /// Which portal the cache rows and the remembered session belong to.
    pub(crate) portal_key: String,
    phone: RwLock<Option<String>>,
    /// The session ended because the portal said so (not by signing out): until the next sign-in,
    /// a call says `session_expired` again, so whoever asks next (the window, after a background
    /// step met the end first) learns why, not only "sign in first".
    expired: std::sync::atomic::AtomicBool,
    /// Wakes the requests watcher when a request starts (`watcher.rs`).
    request_wake: tokio::sync::Notify,
    /// The latest labels import previewed, kept for its apply (`labels::kept::KeptPlan`).
    pub(crate) labels_plan: std::sync::Mutex<Option<crate::labels::kept::KeptPlan>>,
}

impl Session {
    pub(crate) fn new(client: PortalClient, cache: Cache, vault: Arc<Vault>, portal_key: String) -> Self {
        Self {
            client,
            cache,
            vault,
            portal_key,
            phone: RwLock::new(None),
            expired: Default::default(),
            request_wake: tokio::sync::Notify::new(),
            labels_plan: Default::default(),
        }
    }

    pub fn client(&self) -> &PortalClient {
        &self.client
    }

    pub fn is_signed_in(&self) -> bool {
        self.phone.read().expect("phone lock").is_some()
    }

    /// Who is signed in from now on (`None`: nobody).
    pub(crate) fn set_phone(&self, phone: Option<String>) {
        *self.phone.write().expect("phone lock") = phone;
        self.expired.store(false, std::sync::atomic::Ordering::SeqCst);
    }

    pub(crate) fn signed_in_phone(&self) -> Result<String> {
        self.phone.read().expect("phone lock").clone().ok_or_else(|| {
            if self.expired.load(std::sync::atomic::Ordering::SeqCst) {
                Error::new(ErrorCode::SessionExpired, "Your session has ended. Sign in again.")
            } else {
                Error::new(ErrorCode::NotSignedIn, "Sign in first.")
            }
        })
    }

    /// Whose cache rows a request reads and writes: this portal's signed-in administrator.
    /// Taken before asking the portal, so an answer is filed under who asked for it.
    pub(crate) fn owner(&self) -> Result<Owner> {
        Ok(Owner::new(self.portal_key.clone(), self.signed_in_phone()?))
    }

    /// Passes an error through, ending the local session when the portal says it is over.
    pub(crate) fn check<T>(&self, result: Result<T>) -> Result<T> {
        if let Err(e) = &result {
            if e.code == ErrorCode::SessionExpired {
                // Not awaited: the memory copy is gone now, the keychain's follows.
                let _ = self.sign_out_locally();
                self.expired.store(true, std::sync::atomic::Ordering::SeqCst);
            }
        }
        result
    }

    /// Ends the session here at once; the keychain entry is removed on a blocking thread (see
    /// `secrets`), returned for callers that can wait for it.
    pub(crate) fn sign_out_locally(&self) -> Option<tokio::task::JoinHandle<()>> {
        self.client.set_token(None);
        self.set_phone(None);
        self.vault.forget_soon(&self.portal_key)
    }

    /// The cached companies, without asking the portal.
    pub(crate) async fn companies_cached(&self) -> Result<Option<Vec<Company>>> {
        let phone = self.signed_in_phone()?;
        Ok(cache::companies::list(self.cache.pool(), &self.portal_key, &phone).await?.map(|(list, _)| list))
    }

    /// Wakes the requests watcher: a request started.
    pub(crate) fn request_started(&self) {
        self.wake_watcher();
    }

    /// Ends the watcher's sleep now (a request started, or the front end replaced its account
    /// and the watcher must move to the new one).
    pub fn wake_watcher(&self) {
        self.request_wake.notify_one();
    }

    /// Resolves when a request starts (the watcher's sleep ends early).
    pub async fn request_wake(&self) {
        self.request_wake.notified().await;
    }
}
