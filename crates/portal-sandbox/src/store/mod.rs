//! The sandbox's domain logic, apart from HTTP: one module per area, each a set of functions
//! over a `&mut SqliteConnection` that run inside the CALLER's transaction.
//!
//! Why: a change and the actions history row that records it must commit together or not at
//! all, and a handler that reads, checks and writes must see one consistent database. So the
//! handler (`routes/`) opens one transaction with [`begin`], calls the store, and [`commit`]s;
//! the store never opens its own. A refusal by the operator's rules is an [`Outcome`] error,
//! not a failure: its "Refused" history row is committed with it, then it is answered.
//!
//! A change asked for with an Idempotency-Key commits with [`commit_answer`]: the answer (the
//! value, or the refusal) is written under its key in the same transaction, so whatever
//! happens after the commit, a retry with that key replays it (`idempotency.rs`).

pub mod actions;
pub mod allowances;
pub mod bans;
pub mod billing;
pub mod blocking;
pub mod bulk;
pub mod companies;
pub mod devices;
pub mod forwarding;
pub mod numbers;
pub mod payments;
pub mod profile;
pub mod reports;
pub mod requests;
pub mod secret_code;
pub mod services;
pub mod sessions;
pub mod sim;
pub mod transfer;
pub mod usage;

use crate::error::{ApiError, ApiResult};
use crate::idempotency::{Answer, Key};
use axum::http::StatusCode;
use serde::Serialize;
use sqlx::{Sqlite, SqlitePool, Transaction};

/// A refusal by the operator's rules (the answer the caller gets), whose history row stays.
#[derive(Debug)]
pub struct Refused(pub ApiError);

/// What a change did, or why the rules refused it.
pub type Outcome<T> = Result<T, Refused>;

/// Who acts on what: the administrator and the company whose history gets the row.
#[derive(Debug, Clone, Copy)]
pub struct Actor {
    pub admin_id: i64,
    pub company_id: i64,
}

/// A transaction that takes SQLite's write lock at once (`BEGIN IMMEDIATE`), waiting for it
/// within the busy timeout: a deferred one that reads first and writes later fails at once
/// (`SQLITE_BUSY`) when another writer committed in between.
pub async fn begin(db: &SqlitePool) -> ApiResult<Transaction<'static, Sqlite>> {
    Ok(db.begin_with("BEGIN IMMEDIATE").await?)
}

/// Commits the transaction, refusals included (their history row is kept), and answers the
/// outcome.
pub async fn commit<T>(tx: Transaction<'_, Sqlite>, outcome: Outcome<T>) -> ApiResult<T> {
    tx.commit().await?;
    outcome.map_err(|Refused(e)| e)
}

/// Commits a change together with its answer under the request's Idempotency-Key: `status`
/// and the value when it was done, the refusal's status and error when the rules refused it
/// (its history row committed with it). A crash after this commit leaves the answer for the
/// retry to replay; nothing can commit the change without it.
pub async fn commit_answer<T: Serialize>(
    tx: Transaction<'_, Sqlite>,
    key: &Key,
    status: StatusCode,
    outcome: Outcome<T>,
) -> ApiResult<Answer> {
    let (status, body) = match &outcome {
        Ok(value) => (status, serde_json::to_vec(value).map_err(internal)?),
        Err(Refused(e)) => (e.status(), serde_json::to_vec(&e.0).map_err(internal)?),
    };
    commit_bytes(tx, key, status, body).await
}

/// [`commit_answer`] for a change whose answer is "done" with no body (204).
pub async fn commit_no_content(tx: Transaction<'_, Sqlite>, key: &Key) -> ApiResult<Answer> {
    commit_bytes(tx, key, StatusCode::NO_CONTENT, Vec::new()).await
}

async fn commit_bytes(
    mut tx: Transaction<'_, Sqlite>,
    key: &Key,
    status: StatusCode,
    body: Vec<u8>,
) -> ApiResult<Answer> {
    key.record(&mut tx, status, &body).await?;
    tx.commit().await?;
    Ok(Answer { status, body })
}

fn internal(e: serde_json::Error) -> ApiError {
    tracing::error!("an answer that cannot be written as JSON: {e}");
    ApiError::new(kabinet_protocol::ErrorCode::Internal, "The portal failed to process the request.")
}
