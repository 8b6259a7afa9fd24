//! The offline cache: one SQLite database per installation, in WAL mode, schema by numbered
//! migrations (`crates/kabinet-core/migrations/NNNN_*.sql`, forward-only).
//!
//! One module per table; every function takes an executor (pool, connection or transaction) so
//! callers can compose writes atomically. Rows are keyed by their [`Owner`]: the portal they
//! came from and the administrator who fetched them, so two administrators on one computer
//! never read each other's cache (only the profile is keyed by the administrator alone).
//! Secrets (passwords, tokens, PIN/PUK, secret codes) are never written here.

pub mod cards;
pub mod companies;
pub mod numbers;
pub mod profile;
pub mod search;
pub mod sync_state;

use crate::error::Result;
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
    /// Opens (creating if needed) the cache at `path` and brings its schema up to date.
    pub async fn open(path: &Path) -> Result<Self> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| {
                crate::Error::new(
                    crate::ErrorCode::Cache,
                    format!("Cannot create the cache folder {}: {e}", dir.display()),
                )
            })?;
        }
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        Self::with_options(options, 4).await
    }

    /// An in-memory cache (tests, and the fallback when the disk cache cannot be opened).
    pub async fn in_memory() -> Result<Self> {
        let options = SqliteConnectOptions::from_str("sqlite::memory:")?.foreign_keys(true);
        // One connection: every connection to :memory: is its own database.
        Self::with_options(options, 1).await
    }

    async fn with_options(options: SqliteConnectOptions, max: u32) -> Result<Self> {
        let pool = SqlitePoolOptions::new().max_connections(max).connect_with(options).await?;
        MIGRATIONS.run(&pool).await?;
        Ok(Self { pool, search: Default::default() })
    }

    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// The in-memory search over the cached numbers lists.
    pub fn search(&self) -> &search::SearchIndex {
        &self.search
    }
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
}
