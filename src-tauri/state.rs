//! What the commands share: the account of the portal in use, the cache, the keychain vault and
//! the settings. Changing the portal in the settings swaps the account (and signs out).
//!
//! A cache file that cannot be opened does not stop the app: it is moved aside and a fresh one
//! started (`Cache::open_or_recover`), and [`AppInfo::cache_notice`] tells the window what
//! happened and where the old file is.
//!
//! Why two parts: the window must draw its login screen at once, and opening the cache
//! (migrations), the keychain and the embedded demo portal (its database, seeding, an Argon2
//! check) took about a second. So the app starts with [`AppState::new`] (no file opened) and the
//! rest, [`Started`], is opened after the first paint, when the window asks (`app_start`) or a
//! command needs it (a sign-in pressed meanwhile waits for it).

use crate::portal::{DemoLogin, Portal};
use kabinet_core::account::Account;
use kabinet_core::cache::recover::CacheRecovery;
use kabinet_core::cache::Cache;
use kabinet_core::client::PortalClient;
use kabinet_core::secrets::{Persistence, Vault};
use kabinet_core::settings::Settings;
use kabinet_core::Error;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;
use tokio::sync::{watch, OnceCell, RwLock};

/// The keychain service name: one entry per portal under it.
const KEYCHAIN_SERVICE: &str = "kz.kabinet.desktop";

/// Debug builds only: holds the start this many milliseconds, so an end-to-end test can press
/// Sign in before the portal is up (tests/e2e_start.rs). A release build has no such code.
pub const TEST_START_DELAY_ENV: &str = "KABINET_TEST_START_DELAY_MS";

/// Waits `$KABINET_TEST_START_DELAY_MS` in a debug build; nothing in a release build.
async fn hold_for_tests() {
    #[cfg(debug_assertions)]
    if let Some(ms) = std::env::var(TEST_START_DELAY_ENV).ok().and_then(|v| v.parse::<u64>().ok()) {
        tracing::info!("the start is held {ms} ms ({TEST_START_DELAY_ENV})");
        tokio::time::sleep(std::time::Duration::from_millis(ms)).await;
    }
}

/// What the commands share. Made at once when the app starts ([`AppState::new`]: the data
/// folder and the settings); what is slow to open (the cache, the keychain, the portal) is
/// [`Started`], opened by the first command that needs it ([`AppState::started`]), which the
/// window asks for once its login screen is drawn (`app_start`).
pub struct AppState {
    pub data_dir: PathBuf,
    pub settings: RwLock<Settings>,
    started: OnceCell<Started>,
    /// Turns `true` once [`Self::started`] has succeeded (for [`Self::wait_started`]).
    ready: watch::Sender<bool>,
}

/// The cache, the keychain vault and the portal in use: opened after the first paint.
pub struct Started {
    pub cache: Cache,
    pub vault: Arc<Vault>,
    /// What happened to a cache file that could not be opened at start, if anything.
    pub cache_notice: Option<CacheRecovery>,
    inner: RwLock<Connection>,
}

struct Connection {
    portal: Portal,
    account: Arc<Account>,
}

/// What the UI needs to know about the app before anything else.
#[derive(Debug, Clone, Serialize)]
pub struct AppInfo {
    pub version: String,
    /// The portal's address; empty for the demo portal while it starts (its port is not known
    /// yet).
    pub portal_url: String,
    /// Present when the embedded demo portal is in use.
    pub demo: Option<DemoLogin>,
    /// Where "remember me" keeps the session on this machine; `None` while starting.
    pub remember_persistence: Option<Persistence>,
    pub settings: Settings,
    /// Present when the cache file could not be opened at start: moved aside (where to), or
    /// this session's cache is in memory only.
    pub cache_notice: Option<CacheRecovery>,
    /// The cache and the portal are still being opened (`app_start` waits for them).
    pub starting: bool,
}

impl AppState {
    /// What the first paint needs, and nothing slow: no file is opened here.
    pub fn new(data_dir: PathBuf, settings: Settings) -> Self {
        let (ready, _) = watch::channel(false);
        Self { data_dir, settings: RwLock::new(settings), started: OnceCell::new(), ready }
    }

    /// Opens the cache, the keychain and the portal (the demo portal: its database, seeding and
    /// Argon2 check) the first time it is called; later calls, and calls made meanwhile (a
    /// sign-in pressed before the demo portal is up), wait for that one. A failure is returned
    /// to the caller, and the next call tries again.
    pub async fn started(&self) -> Result<&Started, Error> {
        self.started
            .get_or_try_init(|| async {
                hold_for_tests().await;
                let settings = self.settings.read().await.clone();
                let started = Started::open(&self.data_dir, &settings).await?;
                self.ready.send_replace(true);
                Ok(started)
            })
            .await
    }

    /// Waits until someone else has started the app ([`Self::started`]), without starting it.
    pub async fn wait_started(&self) -> &Started {
        let mut ready = self.ready.subscribe();
        loop {
            if let Some(started) = self.started.get() {
                return started;
            }
            // The sender lives as long as `self`: `changed` fails only once it is dropped.
            if ready.changed().await.is_err() {
                std::future::pending::<()>().await;
            }
        }
    }

    pub async fn account(&self) -> Result<Arc<Account>, Error> {
        Ok(self.started().await?.account().await)
    }

    /// The demo portal's outbox, read in-process; `None` when a portal URL is configured.
    /// Before the start nothing was sent: an empty outbox (this does not start the portal).
    pub async fn demo_outbox(&self) -> Option<Vec<kabinet_core::api::OutboxMessage>> {
        match self.started.get() {
            Some(started) => started.inner.read().await.portal.outbox(),
            None => self.settings.read().await.portal_url.is_none().then(Vec::new),
        }
    }

    /// What is known now; complete once started ([`AppInfo::starting`]).
    pub async fn info(&self) -> AppInfo {
        let settings = self.settings.read().await.clone();
        let Some(started) = self.started.get() else {
            return AppInfo {
                version: env!("CARGO_PKG_VERSION").into(),
                portal_url: settings.portal_url.clone().unwrap_or_default(),
                demo: settings.portal_url.is_none().then(|| DemoLogin::as_last_seen(&self.data_dir)),
                remember_persistence: None,
                settings,
                cache_notice: None,
                starting: true,
            };
        };
        let inner = started.inner.read().await;
        AppInfo {
            version: env!("CARGO_PKG_VERSION").into(),
            portal_url: inner.portal.url.clone(),
            demo: inner.portal.demo_login(),
            remember_persistence: Some(started.vault.persistence()),
            settings,
            cache_notice: started.cache_notice.clone(),
            starting: false,
        }
    }

    /// Applies new settings; a different portal replaces the connection (signed out).
    pub async fn apply_settings(&self, settings: Settings) -> Result<(), Error> {
        let started = self.started().await?;
        let portal_changed = self.settings.read().await.portal_url != settings.portal_url;
        if portal_changed {
            let next = connect(&self.data_dir, &settings, &started.cache, &started.vault).await?;
            let previous = std::mem::replace(&mut *started.inner.write().await, next);
            // The watcher sleeps on the account it last took: wake it, so it follows the new
            // one now rather than after its idle wait (a minute).
            previous.account.wake_watcher();
            previous.portal.close().await;
        }
        // The portal answers in the user's language from the next request on.
        started.inner.read().await.account.client().set_language(settings.language);
        *self.settings.write().await = settings;
        Ok(())
    }

    pub async fn shutdown(&self) {
        let Some(started) = self.started.get() else { return };
        let mut inner = started.inner.write().await;
        if let Some(sandbox) = inner.portal.sandbox.take() {
            sandbox.shutdown().await;
        }
    }
}

impl Started {
    /// The account of the portal in use.
    pub async fn account(&self) -> Arc<Account> {
        self.inner.read().await.account.clone()
    }

    async fn open(data_dir: &Path, settings: &Settings) -> Result<Self, Error> {
        let t = Instant::now();
        let (cache, cache_notice) = Cache::open_or_recover(&data_dir.join("cache.sqlite")).await?;
        let cache_ms = t.elapsed().as_millis();
        let vault = Arc::new(Vault::system(KEYCHAIN_SERVICE).await);
        let vault_ms = t.elapsed().as_millis() - cache_ms;
        let inner = connect(data_dir, settings, &cache, &vault).await?;
        tracing::info!(
            "started in {} ms: cache {cache_ms} ms, keychain {vault_ms} ms, portal {} ms",
            t.elapsed().as_millis(),
            t.elapsed().as_millis() - cache_ms - vault_ms
        );
        Ok(Self { cache, vault, cache_notice, inner: RwLock::new(inner) })
    }
}

async fn connect(data_dir: &Path, settings: &Settings, cache: &Cache, vault: &Arc<Vault>) -> Result<Connection, Error> {
    let portal = Portal::open(settings.portal_url.as_deref(), data_dir).await?;
    let client = PortalClient::new(&portal.url)?.with_language(settings.language);
    let account = Arc::new(Account::new(client, cache.clone(), vault.clone(), portal.key.clone()));
    Ok(Connection { portal, account })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first paint opens nothing (no cache, no demo portal), yet knows the demo login; a
    /// sign-in pressed before the window asked for the start waits for the one start.
    #[tokio::test]
    async fn nothing_opens_before_the_start_and_a_sign_in_meanwhile_waits_for_it() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("data");
        let state = AppState::new(dir.clone(), Settings::default());
        let info = state.info().await;
        assert!(info.starting);
        assert_eq!(info.demo.unwrap().password.as_deref(), Some(portal_sandbox::DEMO_LOGIN_PASSWORD));
        assert_eq!(state.demo_outbox().await.map(|sent| sent.len()), Some(0));
        assert!(!dir.join("cache.sqlite").exists() && !dir.join("demo-portal").exists(), "nothing opened yet");

        let watcher = state.wait_started();
        let (account, started, _) = tokio::join!(state.account(), state.started(), watcher);
        started.expect("the app starts");
        let account = account.expect("the sign-in's account");
        let signed_in = account.login(portal_sandbox::DEMO_LOGIN_PHONE, portal_sandbox::DEMO_LOGIN_PASSWORD, false);
        assert_eq!(signed_in.await.expect("signed in").profile.phone, portal_sandbox::DEMO_LOGIN_PHONE);
        let info = state.info().await;
        assert!(!info.starting && info.portal_url.starts_with("http://127.0.0.1:"), "{info:?}");
        state.shutdown().await;
    }

    /// The app starts on a cache file of garbage bytes, says where the old file went, and keeps
    /// its data folder private: the cache and the demo portal's folder and files.
    #[tokio::test]
    async fn a_garbage_cache_file_still_starts_the_app_with_a_notice_and_private_files() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("data");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("cache.sqlite"), vec![0xA5u8; 4096]).unwrap();

        let state = AppState::new(dir.clone(), Settings::default());
        state.started().await.expect("the app starts");
        let notice = state.info().await.cache_notice.expect("the window is told");
        let moved = notice.moved_to.clone().expect("where the old file is");
        assert_eq!(std::fs::read(&moved).unwrap(), vec![0xA5u8; 4096]);
        assert!(!notice.in_memory);
        let json = serde_json::to_value(state.info().await).unwrap();
        assert_eq!(json["cache_notice"]["moved_to"], moved.to_string_lossy().as_ref());

        #[cfg(unix)]
        {
            use kabinet_core::private_fs::mode_of;
            assert_eq!(mode_of(&dir).unwrap(), 0o700, "data folder");
            let demo = dir.join("demo-portal");
            assert_eq!(mode_of(&demo).unwrap(), 0o700, "demo portal folder");
            let mut files = vec![dir.join("cache.sqlite"), dir.join("cache.sqlite-wal"), dir.join("cache.sqlite-shm")];
            files.extend(std::fs::read_dir(&demo).unwrap().map(|e| e.unwrap().path()));
            assert!(files.len() > 3, "the demo portal has files");
            for file in files {
                assert_eq!(mode_of(&file).unwrap(), 0o600, "{}", file.display());
            }
        }
        state.shutdown().await;
    }
}
