//! The offline cache: one SQLite database per installation, in WAL mode, schema by numbered
//! migrations (`crates/kabinet-core/migrations/NNNN_*.sql`, forward-only).
//!
//! One module per table; every function takes an executor (pool, connection or transaction) so
//! callers can compose writes atomically. Rows are keyed by their [`Owner`]: the portal they
//! came from and the administrator who fetched them, so two administrators on one computer
//! never read each other's cache (only the profile is keyed by the administrator alone).
//! Secrets (passwords, tokens, PIN/PUK, secret codes) are never written here.

pub mod bulk;
pub mod bulk_rows;
pub mod cards;
pub mod changes;
pub mod charge_totals;
pub mod charges;
pub mod companies;
pub mod documents;
pub mod intents;
pub mod labels;
pub mod number_filter;
pub mod number_load;
pub mod number_window;
pub mod numbers;
pub mod profile;
pub mod recover;
pub mod requests;
pub mod search;
pub mod spend_totals;
pub mod summary_row;
pub mod sync_state;

use crate::error::Result;
use crate::private_fs;
use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

static MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// Whose cached rows these are: the portal they came from and the administrator (phone) signed
/// in when they were fetched. Every read and write of an administrator's data takes one, so a
/// read can return only the signed-in administrator's rows.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Owner {
    pub portal: String,
    pub admin: String,
}

impl Owner {
    pub fn new(portal: impl Into<String>, admin: impl Into<String>) -> Self {
        Self { portal: portal.into(), admin: admin.into() }
    }
}

/// Data with the time it was fetched from the portal, and whether it came from the cache
/// because the portal could not be reached.
#[derive(Debug, Clone, Serialize)]
pub struct Cached<T> {
    pub data: T,
    pub fetched_at: DateTime<Utc>,
    pub offline: bool,
}

/// The cache database. Cheap to clone; clones share the pool and the search index.
#[derive(Clone, Debug)]
pub struct Cache {
    pool: SqlitePool,
    search: std::sync::Arc<search::SearchIndex>,
}

impl Cache {
    /// Opens (creating if needed) the cache at `path` and brings its schema up to date. The
    /// folder is made 0700 and the database 0600 before SQLite opens it, so its `-wal` and
    /// `-shm` files are created 0600 too (see [`crate::private_fs`]). A file that cannot be
    /// opened is an error here; the app uses [`Cache::open_or_recover`].
    pub async fn open(path: &Path) -> Result<Self> {
        Ok(Self::try_open(path).await?)
    }

    /// [`Cache::open`], keeping SQLite's and the migrator's own errors, so that
    /// [`Cache::open_or_recover`] can tell a broken file from a busy one.
    async fn try_open(path: &Path) -> std::result::Result<Self, recover::OpenError> {
        make_files_private(path)?;
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        Self::with_options(options, 4, search::SearchIndex::on_file(path)).await
    }

    /// An in-memory cache (tests, and the fallback when the disk cache cannot be opened).
    pub async fn in_memory() -> Result<Self> {
        let options =
            SqliteConnectOptions::from_str("sqlite::memory:").map_err(crate::Error::cache)?.foreign_keys(true);
        // One connection: every connection to :memory: is its own database.
        Ok(Self::with_options(options, 1, search::SearchIndex::default()).await?)
    }

    async fn with_options(
        options: SqliteConnectOptions,
        max: u32,
        search: search::SearchIndex,
    ) -> std::result::Result<Self, recover::OpenError> {
        // No ping before each checkout: a connection to a local file does not drop the way a
        // network one does, and the ping is a round trip to the connection's worker thread on
        // every window the list shows (a tenth of a search's time).
        let pool =
            SqlitePoolOptions::new().max_connections(max).test_before_acquire(false).connect_with(options).await?;
        if let Err(e) = MIGRATIONS.run(&pool).await {
            // Closed before the caller moves the file aside.
            pool.close().await;
            return Err(e.into());
        }
        // No bulk run of this process is running yet: one left `running` was interrupted.
        if let Err(e) = bulk::pause_interrupted(&pool).await {
            tracing::warn!("interrupted bulk runs not paused: {}", e.message);
        }
        Ok(Self { pool, search: std::sync::Arc::new(search) })
    }

    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// The in-memory search over the cached numbers lists.
    pub fn search(&self) -> &search::SearchIndex {
        &self.search
    }
}

/// Creates the cache's folder (0700) and makes the database and its companions 0600, creating
/// the database file empty (which SQLite reads as a new database) when it is missing.
fn make_files_private(path: &Path) -> std::io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        private_fs::create_private_dir(dir)?;
    }
    private_fs::ensure_private_file(path)?;
    for companion in recover::companions(path) {
        private_fs::make_private_if_exists(&companion)?;
    }
    Ok(())
}

/// Reads a time this module wrote with `to_rfc3339`; an unreadable one counts as very old.
fn parse_time(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).map(|t| t.with_timezone(&Utc)).unwrap_or(DateTime::<Utc>::MIN_UTC)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn migrations_apply_to_a_new_file_and_are_idempotent() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cache.sqlite");
        let cache = Cache::open(&path).await.unwrap();
        let mode: String = sqlx::query_scalar("PRAGMA journal_mode").fetch_one(cache.pool()).await.unwrap();
        assert_eq!(mode, "wal");
        drop(cache);
        let again = Cache::open(&path).await.unwrap();
        let applied: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations").fetch_one(again.pool()).await.unwrap();
        assert_eq!(applied as usize, MIGRATIONS.iter().count());
    }

    #[cfg(unix)]
    #[tokio::test]
    async fn the_data_folder_and_the_cache_files_are_private() {
        use crate::private_fs::mode_of;
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("data");
        let path = dir.join("cache.sqlite");
        let cache = Cache::open(&path).await.unwrap();
        let owner = Owner::new("demo", "77010016515");
        sync_state::save(
            cache.pool(),
            &owner,
            1,
            &sync_state::SyncState { watermark: Utc::now(), synced_at: Utc::now() },
        )
        .await
        .unwrap();
        let wal = dir.join("cache.sqlite-wal");
        let shm = dir.join("cache.sqlite-shm");
        assert!(wal.exists() && shm.exists(), "WAL mode made its files");
        assert_eq!(mode_of(&dir).unwrap(), 0o700, "data folder");
        for file in [&path, &wal, &shm] {
            assert_eq!(mode_of(file).unwrap(), 0o600, "{}", file.display());
        }
        drop(cache);

        // A cache made world-readable by an older version is made private when opened.
        use std::os::unix::fs::PermissionsExt;
        for p in [&dir, &path, &wal, &shm] {
            let mode = if p.is_dir() { 0o755 } else { 0o644 };
            std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
        }
        let _again = Cache::open(&path).await.unwrap();
        assert_eq!(mode_of(&dir).unwrap(), 0o700);
        for file in [&path, &wal, &shm] {
            assert_eq!(mode_of(file).unwrap(), 0o600, "{} after reopening", file.display());
        }
    }
}
