//! What happens when the cache file cannot be opened: a corrupt or unreadable `cache.sqlite`,
//! or a schema that its migrations cannot bring up to date (a checksum that does not match, a
//! file from a newer version).
//!
//! Why not fail: everything in the cache can be fetched from the portal again, while an app
//! that does not start cannot do anything. So the broken file (with its `-wal` and `-shm`) is
//! moved aside under a name that says when (`cache.sqlite.broken-20261125T185939Z`), a fresh
//! cache is started in its place, and the caller is told what happened and where the old file
//! is, to show the user. A file that is only busy (another Kabinet has it open) is not broken
//! and is never moved: this session then keeps its cache in memory. The same happens when no
//! fresh file can be made either (a read-only folder).

use super::Cache;
use crate::error::{Error, ErrorCode, Result};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// Why the cache file could not be opened, with SQLite's and the migrator's own errors.
#[derive(Debug)]
pub(super) enum OpenError {
    Io(std::io::Error),
    Sqlite(sqlx::Error),
    Migrate(sqlx::migrate::MigrateError),
}

impl From<std::io::Error> for OpenError {
    fn from(e: std::io::Error) -> Self {
        OpenError::Io(e)
    }
}

impl From<sqlx::Error> for OpenError {
    fn from(e: sqlx::Error) -> Self {
        OpenError::Sqlite(e)
    }
}

impl From<sqlx::migrate::MigrateError> for OpenError {
    fn from(e: sqlx::migrate::MigrateError) -> Self {
        OpenError::Migrate(e)
    }
}

impl std::fmt::Display for OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OpenError::Io(e) => write!(f, "The cache file or its folder cannot be used: {e}"),
            OpenError::Sqlite(e) => write!(f, "The local cache failed: {e}"),
            OpenError::Migrate(e) => write!(f, "The local cache could not be upgraded: {e}"),
        }
    }
}

impl From<OpenError> for Error {
    fn from(e: OpenError) -> Self {
        Error::new(ErrorCode::Cache, e.to_string())
    }
}

impl OpenError {
    /// Whether another process holds the database (SQLITE_BUSY or SQLITE_LOCKED): the file is
    /// fine and must not be moved.
    fn is_busy(&self) -> bool {
        let db = match self {
            OpenError::Sqlite(sqlx::Error::Database(db)) => db,
            OpenError::Migrate(sqlx::migrate::MigrateError::Execute(sqlx::Error::Database(db))) => db,
            _ => return false,
        };
        // SQLite reports extended codes; the primary code is the low byte.
        let primary = db.code().and_then(|c| c.parse::<i32>().ok()).map(|c| c & 0xff);
        matches!(primary, Some(5 | 6))
    }

    /// Whether the folder itself is the problem (it cannot be created or made private), so
    /// there is no file to move aside.
    fn is_folder(&self, path: &Path) -> bool {
        matches!(self, OpenError::Io(_)) && !path.is_file()
    }
}

/// What the user is told when the cache could not be opened as it was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CacheRecovery {
    /// Where the broken file now is; `None` when it was not moved (busy, or no file at all).
    #[serde(serialize_with = "lossy_path")]
    pub moved_to: Option<PathBuf>,
    /// Whether this session's cache lives in memory only (nothing is kept after closing).
    pub in_memory: bool,
    /// Why the file could not be opened, in SQLite's or the migrator's words.
    pub reason: String,
}

/// A path as text for the window (a path that is not UTF-8 must not fail the whole answer).
fn lossy_path<S: serde::Serializer>(path: &Option<PathBuf>, s: S) -> std::result::Result<S::Ok, S::Error> {
    path.as_ref().map(|p| p.to_string_lossy().into_owned()).serialize(s)
}

/// The cache file's companions in WAL mode, which move with it.
pub(super) fn companions(path: &Path) -> [PathBuf; 2] {
    let with = |suffix: &str| {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        PathBuf::from(name)
    };
    [with("-wal"), with("-shm")]
}

/// Moves the broken file and its companions aside; returns the file's new path.
fn move_aside(path: &Path) -> std::io::Result<PathBuf> {
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
    let mut target = PathBuf::from(format!("{}.broken-{stamp}", path.display()));
    let mut n = 1;
    while target.exists() {
        n += 1;
        target = PathBuf::from(format!("{}.broken-{stamp}-{n}", path.display()));
    }
    std::fs::rename(path, &target)?;
    for (companion, moved) in companions(path).iter().zip(companions(&target)) {
        if companion.exists() {
            // A WAL that stays would be replayed into the fresh database.
            if std::fs::rename(companion, &moved).is_err() {
                std::fs::remove_file(companion)?;
            }
        }
    }
    Ok(target)
}

impl Cache {
    /// Opens the cache at `path` like [`Cache::open`], and does not fail on a file that cannot
    /// be opened: a broken one is moved aside and a fresh cache started; when even that is not
    /// possible, or the file is busy, this session's cache is in memory. The second value says
    /// what happened, for the user; `None` when the file opened as it was.
    pub async fn open_or_recover(path: &Path) -> Result<(Self, Option<CacheRecovery>)> {
        let first = match Self::try_open(path).await {
            Ok(cache) => return Ok((cache, None)),
            Err(e) => e,
        };
        let reason = first.to_string();
        tracing::warn!("the cache at {} cannot be opened: {reason}", path.display());
        if first.is_busy() || first.is_folder(path) {
            return Ok((Self::in_memory().await?, Some(CacheRecovery { moved_to: None, in_memory: true, reason })));
        }
        let moved_to = match move_aside(path) {
            Ok(moved) => moved,
            Err(e) => {
                tracing::warn!("the broken cache could not be moved aside: {e}");
                let recovery = CacheRecovery { moved_to: None, in_memory: true, reason };
                return Ok((Self::in_memory().await?, Some(recovery)));
            }
        };
        tracing::warn!("the broken cache was moved to {}", moved_to.display());
        match Self::try_open(path).await {
            Ok(cache) => Ok((cache, Some(CacheRecovery { moved_to: Some(moved_to), in_memory: false, reason }))),
            Err(e) => {
                tracing::warn!("a fresh cache could not be started either: {e}");
                let recovery = CacheRecovery { moved_to: Some(moved_to), in_memory: true, reason };
                Ok((Self::in_memory().await?, Some(recovery)))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cache::{sync_state, Owner};
    use chrono::Utc;

    /// The fresh cache works: a row written reads back.
    async fn usable(cache: &Cache) {
        let owner = Owner::new("demo", "77010016515");
        let state = sync_state::SyncState { watermark: Utc::now(), synced_at: Utc::now() };
        sync_state::save(cache.pool(), &owner, 1, &state).await.unwrap();
        assert!(sync_state::load(cache.pool(), &owner, 1).await.unwrap().is_some());
    }

    #[tokio::test]
    async fn a_cache_file_of_garbage_bytes_is_moved_aside_and_a_fresh_one_started() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cache.sqlite");
        let garbage: Vec<u8> = (0..8192u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
        std::fs::write(&path, &garbage).unwrap();
        assert!(Cache::open(&path).await.is_err(), "the strict open refuses the file");

        let (cache, recovery) = Cache::open_or_recover(&path).await.unwrap();
        let recovery = recovery.expect("the user is told");
        let moved = recovery.moved_to.clone().expect("where the old file is");
        assert!(!recovery.in_memory, "a fresh file took its place: {recovery:?}");
        assert!(moved.file_name().unwrap().to_str().unwrap().starts_with("cache.sqlite.broken-"), "{moved:?}");
        assert_eq!(moved.parent(), Some(dir.path()));
        assert_eq!(std::fs::read(&moved).unwrap(), garbage, "the old file is kept as it was");
        assert!(recovery.reason.contains("not a database"), "{}", recovery.reason);
        usable(&cache).await;
        drop(cache);

        // The next start opens the fresh file as it is.
        let (_again, none) = Cache::open_or_recover(&path).await.unwrap();
        assert_eq!(none, None);
    }

    #[tokio::test]
    async fn a_cache_whose_migrations_do_not_match_is_moved_aside_and_a_fresh_one_started() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cache.sqlite");
        let cache = Cache::open(&path).await.unwrap();
        sqlx::query("UPDATE _sqlx_migrations SET checksum = X'00' WHERE version = 1")
            .execute(cache.pool())
            .await
            .unwrap();
        cache.pool().close().await;
        assert!(Cache::open(&path).await.is_err(), "the migrator refuses the file");

        let (cache, recovery) = Cache::open_or_recover(&path).await.unwrap();
        let recovery = recovery.expect("the user is told");
        assert!(!recovery.in_memory);
        assert!(recovery.moved_to.as_ref().is_some_and(|m| m.is_file()), "{recovery:?}");
        assert!(recovery.reason.contains("could not be upgraded"), "{}", recovery.reason);
        usable(&cache).await;
        let applied: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations").fetch_one(cache.pool()).await.unwrap();
        assert_eq!(applied as usize, crate::cache::MIGRATIONS.iter().count(), "a fresh schema");
    }

    #[tokio::test]
    async fn a_cache_held_by_another_process_is_not_moved_and_the_session_runs_in_memory() {
        use sqlx::Connection;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cache.sqlite");
        Cache::open(&path).await.unwrap().pool().close().await;
        // Another Kabinet holding the file: an exclusive lock that outlives the busy timeout.
        let mut holder = sqlx::SqliteConnection::connect(&format!("sqlite://{}", path.display())).await.unwrap();
        sqlx::query("PRAGMA locking_mode = EXCLUSIVE").execute(&mut holder).await.unwrap();
        sqlx::query("CREATE TABLE held (x INTEGER)").execute(&mut holder).await.unwrap();

        let (cache, recovery) = Cache::open_or_recover(&path).await.unwrap();
        let recovery = recovery.expect("the user is told");
        assert_eq!((recovery.moved_to.clone(), recovery.in_memory), (None, true), "{recovery:?}");
        assert!(path.is_file(), "the file stays where it is");
        let moved = std::fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().contains("broken"));
        assert_eq!(moved.count(), 0);
        usable(&cache).await;
        holder.close().await.unwrap();
    }
}
