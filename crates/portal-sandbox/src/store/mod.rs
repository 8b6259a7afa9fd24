//! The sandbox's domain logic, apart from HTTP: one module per area, each a set of functions
//! over a `&mut SqliteConnection` that run inside the CALLER's transaction.
//!
//! Why: a change and the actions history row that records it must commit together or not at
//! all, and a handler that reads, checks and writes must see one consistent database. So the
//! handler (`routes/`) opens one transaction with [`begin`], calls the store, and [`commit`]s;
//! the store never opens its own. A refusal by the operator's rules is an [`Outcome`] error,
//! not a failure: its "Refused" history row is committed with it, then it is answered.

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
