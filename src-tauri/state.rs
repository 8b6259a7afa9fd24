//! What the commands share: the account of the portal in use, the cache, the keychain vault and
//! the settings. Changing the portal in the settings swaps the account (and signs out).

use crate::portal::{DemoLogin, Portal};
use kabinet_core::account::Account;
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
}

impl AppState {
    pub async fn start(data_dir: PathBuf, settings: Settings) -> Result<Self, Error> {
        let cache = Cache::open(&data_dir.join("cache.sqlite")).await?;
        let vault = Arc::new(Vault::system(KEYCHAIN_SERVICE));
        let inner = connect(&data_dir, &settings, &cache, &vault).await?;
        Ok(Self { data_dir, cache, vault, settings: RwLock::new(settings), inner: RwLock::new(inner) })
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
        }
    }

    /// Applies new settings; a different portal replaces the connection (signed out).
    pub async fn apply_settings(&self, settings: Settings) -> Result<(), Error> {
        let portal_changed = self.settings.read().await.portal_url != settings.portal_url;
        if portal_changed {
            let next = connect(&self.data_dir, &settings, &self.cache, &self.vault).await?;
            let previous = std::mem::replace(&mut *self.inner.write().await, next);
            previous.portal.close().await;
        }
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
    let client = PortalClient::new(&portal.url)?;
    let account = Arc::new(Account::new(client, cache.clone(), vault.clone(), portal.key.clone()));
    Ok(Connection { portal, account })
}
