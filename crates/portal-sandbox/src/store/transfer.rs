//! Balance transfer between two numbers of a company: checked by the shared rule
//! (`kabinet_protocol::rules::transfer`) against the numbers as stored, then the money moves in the
//! caller's transaction: the sender's balance (and its available funds, when it has an
//! individual limit) down, the recipient's balance up, both `updated_at` moved so an incremental
//! sync sees them, a `transfers` row, and one history row per number ("Balance transfer: sent"
//! on the sender, "Balance transfer: received" on the recipient). A refusal by a rule is written
//! the same way, as "Refused"; an amount that is not positive is bad input, written nowhere.

use super::actions::{self, Status};
use super::numbers::summary;
use super::{Actor, Outcome, Refused};
use crate::db::{ts, ts_micros};
use crate::error::{ApiError, ApiResult};
use chrono::{DateTime, Utc};
use kabinet_protocol::action::ActionKind;
use kabinet_protocol::api::{Transfer, TransferRequest};
use kabinet_protocol::rules::transfer;
use sqlx::SqliteConnection;

/// Moves `req.amount_tiyn` from `req.from` to `req.to`, both already known to be numbers of
/// `actor`'s company.
pub async fn make(
    conn: &mut SqliteConnection,
    actor: Actor,
    req: &TransferRequest,
    now: DateTime<Utc>,
) -> ApiResult<Outcome<Transfer>> {
    let from = summary(conn, &req.from).await?;
    let to = summary(conn, &req.to).await?;
    let amount = req.amount_tiyn;
    if let Err(e) = transfer::check(&from, &to, amount) {
        if e.reason.is_none() {
            return Err(ApiError(e));
        }
        record(conn, actor, req, Status::Refused, now).await?;
        return Ok(Err(Refused(ApiError(e))));
    }
    let at = ts_micros(now);
    sqlx::query(
        "UPDATE numbers SET balance = balance - ?1,
             available_funds = CASE WHEN individual_limit IS NULL THEN available_funds ELSE available_funds - ?1 END,
             updated_at = ?2 WHERE msisdn = ?3",
    )
    .bind(amount.0)
    .bind(&at)
    .bind(&req.from)
    .execute(&mut *conn)
    .await?;
    sqlx::query("UPDATE numbers SET balance = balance + ?1, updated_at = ?2 WHERE msisdn = ?3")
        .bind(amount.0)
        .bind(&at)
        .bind(&req.to)
        .execute(&mut *conn)
        .await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO transfers (company_id, admin_id, from_msisdn, to_msisdn, amount, at)
         VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(actor.company_id)
    .bind(actor.admin_id)
    .bind(&req.from)
    .bind(&req.to)
    .bind(amount.0)
    .bind(ts(now))
    .fetch_one(&mut *conn)
    .await?;
    record(conn, actor, req, Status::Success, now).await?;
    Ok(Ok(Transfer { id, from: summary(conn, &req.from).await?, to: summary(conn, &req.to).await?, amount, at: now }))
}

/// The history rows of a transfer: the sender's, and the recipient's when it is another number.
async fn record(
    conn: &mut SqliteConnection,
    actor: Actor,
    req: &TransferRequest,
    status: Status,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    actions::record(conn, actor, Some(&req.from), &ActionKind::Transfer.history(), status, now).await?;
    if req.to != req.from {
        actions::record(conn, actor, Some(&req.to), &ActionKind::TransferReceive.history(), status, now).await?;
    }
    Ok(())
}
