//! Sign-in's records: the accounts by phone, wrong passwords in a row and lockouts, and sessions
//! (stored as SHA-256 of the token). The rules (how many failures lock, for how long, the
//! answers) are `lockout.rs`'s; the callers hold the writer lock and their transaction.

use crate::db::{parse_ts, ts};
use crate::error::ApiResult;
use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

/// An account as sign-in sees it.
#[derive(sqlx::FromRow)]
pub struct Account {
    pub id: i64,
    pub name: String,
    pub email: String,
    /// None until the account is activated.
    pub password_hash: Option<String>,
    pub activated: bool,
}

pub async fn account(conn: &mut SqliteConnection, phone: &str) -> ApiResult<Option<Account>> {
    Ok(sqlx::query_as("SELECT id, name, email, password_hash, activated FROM admins WHERE phone = ?")
        .bind(phone)
        .fetch_optional(&mut *conn)
        .await?)
}

/// Until when sign-in is locked for the number, if it ever was.
pub async fn locked_until(conn: &mut SqliteConnection, phone: &str) -> ApiResult<Option<DateTime<Utc>>> {
    let until: Option<Option<String>> = sqlx::query_scalar("SELECT locked_until FROM login_failures WHERE phone = ?")
        .bind(phone)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(until.flatten().map(|u| parse_ts(&u)))
}

/// Failed sign-ins in a row for the number.
pub async fn failures(conn: &mut SqliteConnection, phone: &str) -> ApiResult<i64> {
    let failures: Option<i64> = sqlx::query_scalar("SELECT failures FROM login_failures WHERE phone = ?")
        .bind(phone)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(failures.unwrap_or(0))
}

/// Sets the count of failures in a row, unlocked.
pub async fn set_failures(conn: &mut SqliteConnection, phone: &str, count: i64) -> ApiResult<()> {
    sqlx::query(
        "INSERT INTO login_failures (phone, failures, locked_until) VALUES (?, ?, NULL)
         ON CONFLICT (phone) DO UPDATE SET failures = excluded.failures, locked_until = NULL",
    )
    .bind(phone)
    .bind(count)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Locks sign-in for the number until `until`, the count starting again at zero.
pub async fn lock(conn: &mut SqliteConnection, phone: &str, until: DateTime<Utc>) -> ApiResult<()> {
    sqlx::query(
        "INSERT INTO login_failures (phone, failures, locked_until) VALUES (?, 0, ?)
         ON CONFLICT (phone) DO UPDATE SET failures = 0, locked_until = excluded.locked_until",
    )
    .bind(phone)
    .bind(ts(until))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A right password: the failures in a row are forgotten.
pub async fn forget_failures(conn: &mut SqliteConnection, phone: &str) -> ApiResult<()> {
    sqlx::query("DELETE FROM login_failures WHERE phone = ?").bind(phone).execute(&mut *conn).await?;
    Ok(())
}

/// A successful sign-in: the failures are forgotten and a session opens.
pub async fn open(
    conn: &mut SqliteConnection,
    phone: &str,
    admin_id: i64,
    token_hash: &str,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> ApiResult<()> {
    forget_failures(conn, phone).await?;
    sqlx::query("INSERT INTO sessions (token_hash, admin_id, created_at, expires_at) VALUES (?, ?, ?, ?)")
        .bind(token_hash)
        .bind(admin_id)
        .bind(ts(now))
        .bind(ts(expires_at))
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn end(conn: &mut SqliteConnection, token_hash: &str) -> ApiResult<()> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = ?").bind(token_hash).execute(&mut *conn).await?;
    Ok(())
}
