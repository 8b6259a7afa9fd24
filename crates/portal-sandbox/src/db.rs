//! The sandbox's database: SQLite in WAL mode, schema by the numbered migrations in
//! `crates/portal-sandbox/migrations`. Times are stored as RFC 3339 UTC text, money as tiyn.
//!
//! The database holds sessions, accounts and every company's numbers, so its folder is 0700 and
//! the database with its `-wal` and `-shm` 0600, by the rule the app's cache and the CLI follow
//! (`kabinet_private_fs`): the database file is made private before SQLite opens it, so the
//! companions SQLite creates take its mode, and files an older version left open are put right.

use chrono::{DateTime, Utc};
use kabinet_private_fs as private_fs;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;
use std::path::Path;
use std::time::Duration;

static MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

pub async fn open(dir: &Path) -> anyhow::Result<SqlitePool> {
    private_fs::create_private_dir(dir)?;
    let file = dir.join("portal.sqlite");
    private_fs::ensure_private_file(&file)?;
    for companion in ["portal.sqlite-wal", "portal.sqlite-shm"] {
        private_fs::make_private_if_exists(&dir.join(companion))?;
    }
    let options = SqliteConnectOptions::new()
        .filename(&file)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        // Deleted rows (expired sessions, purged keys) are overwritten, not left in free pages.
        .pragma("secure_delete", "ON")
        .busy_timeout(Duration::from_secs(10));
    let pool = SqlitePoolOptions::new().max_connections(4).connect_with(options).await?;
    MIGRATIONS.run(&pool).await?;
    // Write what the migrations deleted (0006: stored tokens and codes) back into the database
    // file now, zeroed by `secure_delete`, rather than at some later checkpoint.
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(&pool).await?;
    Ok(pool)
}

pub fn ts(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

pub fn parse_ts(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).map(|t| t.with_timezone(&Utc)).unwrap_or(DateTime::<Utc>::MIN_UTC)
}

/// Microsecond precision, for `updated_at` columns that incremental sync compares with `>`.
pub fn ts_micros(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}
