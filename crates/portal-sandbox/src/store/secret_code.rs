//! A number's secret code (manual: "Obtaining a secret code", FAQ 6) and the sessions of the
//! employee who holds it.
//!
//! The code is kept as an Argon2 hash only (the route hashes it, outside the writer lock); the
//! code itself goes to the number by SMS (the in-memory outbox) and nowhere else. Sending a code
//! while one exists replaces it: the old one stops working and its sessions end, as deleting
//! does. Code sessions live in their own table (`code_sessions`), never in `sessions`, so
//! nothing that reads an administrator's session can read one.

use super::actions::{self, Status};
use super::numbers::summary;
use super::{Actor, Outcome, Refused};
use crate::db::{parse_ts, ts};
use crate::error::{ApiError, ApiResult};
use chrono::{DateTime, SubsecRound, Utc};
use kabinet_protocol::api::{NumberState, SecretCodeDeleted, SecretCodeSent};
use kabinet_protocol::error::Reason;
use kabinet_protocol::rules::number_actions::{self, ActionKind};
use kabinet_protocol::ErrorCode;
use sqlx::SqliteConnection;

/// A number's code as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StoredCode {
    pub code_hash: String,
}

pub async fn stored(conn: &mut SqliteConnection, msisdn: &str) -> ApiResult<Option<StoredCode>> {
    Ok(sqlx::query_as("SELECT code_hash FROM secret_codes WHERE msisdn = ?")
        .bind(msisdn)
        .fetch_optional(&mut *conn)
        .await?)
}

/// Ends every session of the number's code holder; how many there were.
async fn end_sessions(conn: &mut SqliteConnection, msisdn: &str) -> ApiResult<u32> {
    let ended = sqlx::query("DELETE FROM code_sessions WHERE msisdn = ?").bind(msisdn).execute(&mut *conn).await?;
    Ok(u32::try_from(ended.rows_affected()).unwrap_or(u32::MAX))
}

/// Why sending a secret code to a number in `state` would be refused, if it would. Writes
/// nothing (the bulk check asks it too).
pub fn send_refusal(state: &NumberState) -> Option<ApiError> {
    let (reason, message) = number_actions::refusal(state, ActionKind::SecretCodeSend)?;
    Some(ApiError::refused(ErrorCode::NotAllowedInState, reason, message).with_param("state", state.as_str()))
}

/// Keeps a new code's hash for the number (replacing a previous code and ending its sessions);
/// refused (and written so) when the number's state does not allow it. The caller sends the SMS
/// once this committed.
pub async fn send(
    conn: &mut SqliteConnection,
    actor: Actor,
    msisdn: &str,
    code_hash: &str,
    now: DateTime<Utc>,
) -> ApiResult<Outcome<SecretCodeSent>> {
    let number = summary(conn, msisdn).await?;
    if let Some(error) = send_refusal(&number.state) {
        actions::record(conn, actor, Some(msisdn), &ActionKind::SecretCodeSend.history(), Status::Refused, now).await?;
        return Ok(Err(Refused(error)));
    }
    let replaced = stored(conn, msisdn).await?.is_some();
    end_sessions(conn, msisdn).await?;
    sqlx::query(
        "INSERT INTO secret_codes (msisdn, code_hash, sent_at, failures) VALUES (?, ?, ?, 0)
         ON CONFLICT (msisdn) DO UPDATE SET code_hash = excluded.code_hash, sent_at = excluded.sent_at, failures = 0",
    )
    .bind(msisdn)
    .bind(code_hash)
    .bind(ts(now))
    .execute(&mut *conn)
    .await?;
    actions::record(conn, actor, Some(msisdn), &ActionKind::SecretCodeSend.history(), Status::Success, now).await?;
    // The moment as stored (whole seconds), so the answer and the profile say the same.
    Ok(Ok(SecretCodeSent { msisdn: msisdn.to_string(), sent_at: now.trunc_subsecs(0), replaced }))
}

/// Deletes the number's code and ends its holder's sessions; refused when there is none.
pub async fn delete(
    conn: &mut SqliteConnection,
    actor: Actor,
    msisdn: &str,
    now: DateTime<Utc>,
) -> ApiResult<Outcome<SecretCodeDeleted>> {
    let number = summary(conn, msisdn).await?;
    let refusal = if !number_actions::allows(&number.state, ActionKind::SecretCodeDelete) {
        Some(
            // Only a state this version does not know: the table allows it in every known one.
            ApiError::new(ErrorCode::NotAllowedInState, "This number's state does not allow deleting its secret code.")
                .with_param("state", number.state.as_str()),
        )
    } else if stored(conn, msisdn).await?.is_none() {
        Some(ApiError::refused(ErrorCode::NotAllowedInState, Reason::NoSecretCode, "This number has no secret code."))
    } else {
        None
    };
    if let Some(error) = refusal {
        actions::record(conn, actor, Some(msisdn), &ActionKind::SecretCodeDelete.history(), Status::Refused, now)
            .await?;
        return Ok(Err(Refused(error)));
    }
    sqlx::query("DELETE FROM secret_codes WHERE msisdn = ?").bind(msisdn).execute(&mut *conn).await?;
    let sessions_ended = end_sessions(conn, msisdn).await?;
    actions::record(conn, actor, Some(msisdn), &ActionKind::SecretCodeDelete.history(), Status::Success, now).await?;
    Ok(Ok(SecretCodeDeleted { msisdn: msisdn.to_string(), deleted_at: now, sessions_ended }))
}

/// A wrong code for the number: counted; at `limit` in a row the code is deleted (the
/// administrator sends a new one). Whether it was deleted.
pub async fn failed(conn: &mut SqliteConnection, msisdn: &str, limit: i64) -> ApiResult<bool> {
    let failures: Option<i64> =
        sqlx::query_scalar("UPDATE secret_codes SET failures = failures + 1 WHERE msisdn = ? RETURNING failures")
            .bind(msisdn)
            .fetch_optional(&mut *conn)
            .await?;
    if failures.is_some_and(|f| f >= limit) {
        sqlx::query("DELETE FROM secret_codes WHERE msisdn = ?").bind(msisdn).execute(&mut *conn).await?;
        end_sessions(conn, msisdn).await?;
        return Ok(true);
    }
    Ok(false)
}

/// The right code: the count starts again and a session for that one number opens.
pub async fn open_session(
    conn: &mut SqliteConnection,
    msisdn: &str,
    token_hash: &str,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> ApiResult<()> {
    sqlx::query("UPDATE secret_codes SET failures = 0 WHERE msisdn = ?").bind(msisdn).execute(&mut *conn).await?;
    sqlx::query("INSERT INTO code_sessions (token_hash, msisdn, created_at, expires_at) VALUES (?, ?, ?, ?)")
        .bind(token_hash)
        .bind(msisdn)
        .bind(ts(now))
        .bind(ts(expires_at))
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The number of a code session and when it ends, if the token is one.
pub async fn session(conn: &mut SqliteConnection, token_hash: &str) -> ApiResult<Option<(String, DateTime<Utc>)>> {
    let row: Option<(String, String)> =
        sqlx::query_as("SELECT msisdn, expires_at FROM code_sessions WHERE token_hash = ?")
            .bind(token_hash)
            .fetch_optional(&mut *conn)
            .await?;
    Ok(row.map(|(msisdn, expires_at)| (msisdn, parse_ts(&expires_at))))
}

/// Slides a code session forward, or ends it.
pub async fn slide(conn: &mut SqliteConnection, token_hash: &str, until: Option<DateTime<Utc>>) -> ApiResult<()> {
    match until {
        Some(until) => {
            sqlx::query("UPDATE code_sessions SET expires_at = ? WHERE token_hash = ?")
                .bind(ts(until))
                .bind(token_hash)
                .execute(&mut *conn)
                .await?
        }
        None => {
            sqlx::query("DELETE FROM code_sessions WHERE token_hash = ?").bind(token_hash).execute(&mut *conn).await?
        }
    };
    Ok(())
}
