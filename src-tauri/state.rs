//! What the commands share: the account of the portal in use, the cache, the keychain vault and
//! the settings. Changing the portal in the settings swaps the account (and signs out).
//!
//! A cache file that cannot be opened does not stop the app: it is moved aside and a fresh one
//! started (`Cache::open_or_recover`), and [`AppInfo::cache_notice`] tells the window what
//! happened and where the old file is.

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
use tokio::sync::RwLock;

/// The keychain service name: one entry per portal under it.
const KEYCHAIN_SERVICE: &str = "kz.kabinet.desktop";

pub struct AppState {
    pub data_dir: PathBuf,
    pub cache: Cache,
    pub vault: Arc<Vault>,
    pub settings: RwLock<Settings>,
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
    pub portal_url: String,
    /// Present when the embedded demo portal is in use.
    pub demo: Option<DemoLogin>,
    /// Where "remember me" keeps the session on this machine.
    pub remember_persistence: Persistence,
    pub settings: Settings,
    /// Present when the cache file could not be opened at start: moved aside (where to), or
    /// this session's cache is in memory only.
    pub cache_notice: Option<CacheRecovery>,
}

impl AppState {
    pub async fn start(data_dir: PathBuf, settings: Settings) -> Result<Self, Error> {
        let (cache, cache_notice) = Cache::open_or_recover(&data_dir.join("cache.sqlite")).await?;
        let vault = Arc::new(Vault::system(KEYCHAIN_SERVICE).await);
        let inner = connect(&data_dir, &settings, &cache, &vault).await?;
        Ok(Self { data_dir, cache, vault, settings: RwLock::new(settings), cache_notice, inner: RwLock::new(inner) })
    }

    pub async fn account(&self) -> Arc<Account> {
        self.inner.read().await.account.clone()
    }

    /// The demo portal's outbox, read in-process; `None` when a portal URL is configured.
    pub async fn demo_outbox(&self) -> Option<Vec<kabinet_core::api::OutboxMessage>> {
        self.inner.read().await.portal.outbox()
    }

    pub async fn info(&self) -> AppInfo {
        let inner = self.inner.read().await;
        AppInfo {
            version: env!("CARGO_PKG_VERSION").into(),
            portal_url: inner.portal.url.clone(),
            demo: inner.portal.demo_login(),
            remember_persistence: self.vault.persistence(),
            settings: self.settings.read().await.clone(),
            cache_notice: self.cache_notice.clone(),
        }
    }

    /// Applies new settings; a different portal replaces the connection (signed out).
    pub async fn apply_settings(&self, settings: Settings) -> Result<(), Error> {
        let portal_changed = self.settings.read().await.portal_url != settings.portal_url;
        if portal_changed {
            let next = connect(&self.data_dir, &settings, &self.cache, &self.vault).await?;
            let previous = std::mem::replace(&mut *self.inner.write().await, next);
            // The watcher sleeps on the account it last took: wake it, so it follows the new
            // one now rather than after its idle wait (a minute).
            previous.account.wake_watcher();
            previous.portal.close().await;
        }
        // The portal answers in the user's language from the next request on.
        self.account().await.client().set_language(settings.language);
        *self.settings.write().await = settings;
        Ok(())
    }

    pub async fn shutdown(&self) {
        let mut inner = self.inner.write().await;
        if let Some(sandbox) = inner.portal.sandbox.take() {
            sandbox.shutdown().await;
        }
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

    /// The app starts on a cache file of garbage bytes, says where the old file went, and keeps
    /// its data folder private: the cache and the demo portal's folder and files.
    #[tokio::test]
    async fn a_garbage_cache_file_still_starts_the_app_with_a_notice_and_private_files() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("data");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("cache.sqlite"), vec![0xA5u8; 4096]).unwrap();

        let state = AppState::start(dir.clone(), Settings::default()).await.expect("the app starts");
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
