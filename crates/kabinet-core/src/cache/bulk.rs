//! The `bulk_runs` and `bulk_items` tables (migrations 0008, 0010): a bulk run from its preview
//! on, one row per number with its result, its new SIM for a SIM replacement, and its
//! Idempotency-Key (made when it is first sent, [`key_for`]), the run's counts on its row (updated
//! with each item in one transaction, so they never disagree and progress never counts rows).
//!
//! Runs are read by their owner (portal and administrator); items through their run, whose
//! owner the caller checked.

use super::bulk_rows::{BulkItem, BulkRun, ItemState, PortalCheck, RunState};
use super::{parse_time, Owner};
use crate::action::Action;
use crate::api::RequestState;
use crate::error::{Error, ErrorCode, Result};
use chrono::{DateTime, Utc};
use sqlx::{QueryBuilder, Sqlite, SqliteExecutor, SqlitePool};

/// A number of a run as the preview decided it.
#[derive(Debug, Clone)]
pub struct NewItem {
    pub msisdn: String,
    pub state: ItemState,
    pub key: Option<String>,
    /// A SIM replacement's new SIM for this number (its digits, or as written when skipped).
    pub iccid: Option<String>,
    pub code: Option<String>,
    pub reason: Option<String>,
    pub message: Option<String>,
}

/// A number still to send: its place, number, key once it was first sent (and its new SIM, for
/// a SIM replacement).
#[derive(Debug, Clone)]
pub struct ToSend {
    pub position: u64,
    pub msisdn: String,
    pub key: Option<String>,
    pub iccid: Option<String>,
}

/// How one number ended.
#[derive(Debug, Clone)]
pub enum Finished {
    Done { request_id: Option<String> },
    Failed(Error),
}

const RUN_COLUMNS: &str = "id, company_id, action, state, total, skipped, done, failed, portal_checked, created_at";

type RunRow = (String, i64, String, String, i64, i64, i64, i64, i64, String);

/// `portal_checked` as the column keeps it (migration 0008 made it 0 or 1; 2 came later and
/// older rows never have it).
fn portal_check_of(column: i64) -> PortalCheck {
    match column {
        1 => PortalCheck::Checked,
        2 => PortalCheck::NotOffered,
        _ => PortalCheck::Unreachable,
    }
}

fn portal_check_column(check: PortalCheck) -> i64 {
    match check {
        PortalCheck::Unreachable => 0,
        PortalCheck::Checked => 1,
        PortalCheck::NotOffered => 2,
    }
}

fn run_of(row: RunRow) -> Result<BulkRun> {
    let (id, company_id, action, state, total, skipped, done, failed, portal_checked, created_at) = row;
    let action: Action = serde_json::from_str(&action)
        .map_err(|e| Error::new(ErrorCode::Cache, format!("A kept bulk run has an unreadable action: {e}")))?;
    let n = |v: i64| u64::try_from(v).unwrap_or(0);
    let to_run = n(total - skipped);
    Ok(BulkRun {
        id,
        company_id,
        action,
        state: RunState::parse(&state),
        total: n(total),
        to_run,
        skipped: n(skipped),
        done: n(done),
        failed: n(failed),
        remaining: to_run.saturating_sub(n(done) + n(failed)),
        portal_check: portal_check_of(portal_checked),
        created_at: parse_time(&created_at),
        eta_s: None,
    })
}

/// A new run, as the preview made it.
#[derive(Debug, Clone)]
pub struct NewRun<'a> {
    pub id: &'a str,
    pub company_id: i64,
    pub action: &'a Action,
    pub portal_check: PortalCheck,
    pub created_at: DateTime<Utc>,
}

/// Keeps a new run and its items, in one transaction.
pub async fn insert(pool: &SqlitePool, owner: &Owner, run: &NewRun<'_>, items: &[NewItem]) -> Result<()> {
    let NewRun { id, company_id, action, portal_check, created_at } = *run;
    let skipped = items.iter().filter(|i| i.state == ItemState::Skipped).count() as i64;
    let action = serde_json::to_string(action).expect("an action serializes");
    let mut tx = pool.begin().await.map_err(crate::Error::cache)?;
    sqlx::query(
        "INSERT INTO bulk_runs (id, portal, admin_phone, company_id, action, state, total, skipped, portal_checked, created_at)
         VALUES (?, ?, ?, ?, ?, 'ready', ?, ?, ?, ?)",
    )
    .bind(id)
    .bind(&owner.portal)
    .bind(&owner.admin)
    .bind(company_id)
    .bind(action)
    .bind(items.len() as i64)
    .bind(skipped)
    .bind(portal_check_column(portal_check))
    .bind(created_at.to_rfc3339())
    .execute(&mut *tx)
    .await.map_err(crate::Error::cache)?;
    // 10 values a row, under SQLite's 32,766 bound variables.
    for (chunk_index, chunk) in items.chunks(2_000).enumerate() {
        let mut insert: QueryBuilder<Sqlite> = QueryBuilder::new(
            "INSERT INTO bulk_items (run_id, position, msisdn, state, idempotency_key, iccid, code, reason, message, finished_at) ",
        );
        insert.push_values(chunk.iter().enumerate(), |mut row, (i, item)| {
            let finished = (item.state == ItemState::Skipped).then(|| created_at.to_rfc3339());
            row.push_bind(id)
                .push_bind((chunk_index * 2_000 + i) as i64)
                .push_bind(&item.msisdn)
                .push_bind(item.state.as_str())
                .push_bind(&item.key)
                .push_bind(&item.iccid)
                .push_bind(&item.code)
                .push_bind(&item.reason)
                .push_bind(&item.message)
                .push_bind(finished);
        });
        insert.build().execute(&mut *tx).await.map_err(crate::Error::cache)?;
    }
    tx.commit().await.map_err(crate::Error::cache)?;
    Ok(())
}

/// One run of `owner`.
pub async fn get(db: impl SqliteExecutor<'_>, owner: &Owner, id: &str) -> Result<Option<BulkRun>> {
    let row: Option<RunRow> =
        sqlx::query_as(&format!("SELECT {RUN_COLUMNS} FROM bulk_runs WHERE id = ? AND portal = ? AND admin_phone = ?"))
            .bind(id)
            .bind(&owner.portal)
            .bind(&owner.admin)
            .fetch_optional(db)
            .await
            .map_err(crate::Error::cache)?;
    row.map(run_of).transpose()
}

/// `owner`'s runs (of one company when given), newest first.
pub async fn list(db: impl SqliteExecutor<'_>, owner: &Owner, company_id: Option<i64>) -> Result<Vec<BulkRun>> {
    let rows: Vec<RunRow> = sqlx::query_as(&format!(
        "SELECT {RUN_COLUMNS} FROM bulk_runs WHERE portal = ? AND admin_phone = ? AND (?3 IS NULL OR company_id = ?3)
         ORDER BY created_at DESC, rowid DESC"
    ))
    .bind(&owner.portal)
    .bind(&owner.admin)
    .bind(company_id)
    .fetch_all(db)
    .await
    .map_err(crate::Error::cache)?;
    rows.into_iter().map(run_of).collect()
}

type ItemRow = (
    i64,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// `limit` items of a run from `offset`, in selection order.
pub async fn items(db: impl SqliteExecutor<'_>, run_id: &str, offset: u64, limit: u64) -> Result<Vec<BulkItem>> {
    let rows: Vec<ItemRow> = sqlx::query_as(
        // A number still to run whose intent of the run is kept was sent and not answered:
        // `sending` (the intent is the one record of it, `cache::intents`).
        // The state of a done number's request as the watcher last saw it (`requests`), so the
        // run's rows follow the portal's completion.
        "SELECT position, msisdn,
                CASE WHEN state = 'to_run' AND EXISTS (SELECT 1 FROM intents i
                     WHERE i.run_id = bulk_items.run_id AND i.msisdn = bulk_items.msisdn) THEN 'sending' ELSE state END,
                code, reason, message, request_id, finished_at, iccid,
                (SELECT r.state FROM requests r JOIN bulk_runs b ON b.id = bulk_items.run_id
                 WHERE r.portal = b.portal AND r.admin_phone = b.admin_phone AND r.id = bulk_items.request_id)
         FROM bulk_items WHERE run_id = ? AND position >= ? ORDER BY position LIMIT ?",
    )
    .bind(run_id)
    .bind(i64::try_from(offset).unwrap_or(i64::MAX))
    .bind(i64::try_from(limit).unwrap_or(i64::MAX))
    .fetch_all(db)
    .await
    .map_err(crate::Error::cache)?;
    Ok(rows
        .into_iter()
        .map(|(position, msisdn, state, code, reason, message, request_id, finished_at, iccid, request_state)| {
            BulkItem {
                position: u64::try_from(position).unwrap_or(0),
                msisdn,
                state: ItemState::parse(&state),
                iccid,
                code,
                reason,
                message,
                request_id,
                request_state: request_state.map(|s| RequestState::from_wire(&s)),
                finished_at: finished_at.as_deref().map(parse_time),
            }
        })
        .collect())
}

/// Up to `limit` numbers of a run after `after` that are still to send (`to_run`, or `sending`
/// whose answer was never recorded), in order.
pub async fn to_send(db: impl SqliteExecutor<'_>, run_id: &str, after: Option<u64>, limit: u64) -> Result<Vec<ToSend>> {
    let rows: Vec<(i64, String, Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT position, msisdn, idempotency_key, iccid FROM bulk_items
         WHERE run_id = ? AND state IN ('to_run', 'sending') AND position > ? ORDER BY position LIMIT ?",
    )
    .bind(run_id)
    .bind(after.map_or(-1, |a| a as i64))
    .bind(limit as i64)
    .fetch_all(db)
    .await
    .map_err(crate::Error::cache)?;
    rows.into_iter()
        .map(|(position, msisdn, key, iccid)| Ok(ToSend { position: position as u64, msisdn, key, iccid }))
        .collect()
}

/// The number's Idempotency-Key, made now (`fresh`) when it is first sent and kept from then on:
/// a number sent again (its answer lost) goes with the key it first had. One statement, so the
/// key is in the cache before the request goes out.
pub async fn key_for(db: impl SqliteExecutor<'_>, run_id: &str, position: u64, fresh: &str) -> Result<String> {
    sqlx::query_scalar(
        "UPDATE bulk_items SET idempotency_key = COALESCE(idempotency_key, ?) WHERE run_id = ? AND position = ?
         RETURNING idempotency_key",
    )
    .bind(fresh)
    .bind(run_id)
    .bind(position as i64)
    .fetch_optional(db)
    .await
    .map_err(crate::Error::cache)?
    .ok_or_else(|| Error::new(ErrorCode::Cache, "A bulk number to send is gone from its run."))
}

/// Records how a number ended and counts it on its run, in one transaction.
pub async fn finish(
    pool: &SqlitePool,
    run_id: &str,
    position: u64,
    outcome: &Finished,
    at: DateTime<Utc>,
) -> Result<()> {
    let mut tx = pool.begin().await.map_err(crate::Error::cache)?;
    let (state, column, code, reason, message, request_id) = match outcome {
        Finished::Done { request_id } => (ItemState::Done, "done", None, None, None, request_id.clone()),
        Finished::Failed(e) => (
            ItemState::Failed,
            "failed",
            Some(e.code_str()),
            e.reason.as_ref().map(|r| r.as_str().to_string()),
            Some(e.message.clone()),
            None,
        ),
    };
    let changed = sqlx::query(
        "UPDATE bulk_items SET state = ?, code = ?, reason = ?, message = ?, request_id = ?, finished_at = ?
         WHERE run_id = ? AND position = ? AND state IN ('to_run', 'sending')",
    )
    .bind(state.as_str())
    .bind(code)
    .bind(reason)
    .bind(message)
    .bind(request_id)
    .bind(at.to_rfc3339())
    .bind(run_id)
    .bind(position as i64)
    .execute(&mut *tx)
    .await
    .map_err(crate::Error::cache)?
    .rows_affected();
    if changed == 1 {
        sqlx::query(&format!("UPDATE bulk_runs SET {column} = {column} + 1 WHERE id = ?"))
            .bind(run_id)
            .execute(&mut *tx)
            .await
            .map_err(crate::Error::cache)?;
    }
    tx.commit().await.map_err(crate::Error::cache)?;
    Ok(())
}

/// Sets a run's state (and its end time when given), clearing a cancel asked before.
pub async fn set_state(
    db: impl SqliteExecutor<'_>,
    run_id: &str,
    state: RunState,
    ended: Option<DateTime<Utc>>,
) -> Result<()> {
    sqlx::query("UPDATE bulk_runs SET state = ?, cancel_asked = 0, finished_at = ? WHERE id = ?")
        .bind(state.as_str())
        .bind(ended.map(|t| t.to_rfc3339()))
        .bind(run_id)
        .execute(db)
        .await
        .map_err(crate::Error::cache)?;
    Ok(())
}

/// Marks a run `running` for the runner that starts it, unless one of `owner`'s runs is running
/// already (this one or another): one statement, so of two starts only one wins. Returns
/// whether it was claimed.
pub async fn claim(db: impl SqliteExecutor<'_>, owner: &Owner, run_id: &str) -> Result<bool> {
    let claimed = sqlx::query(
        "UPDATE bulk_runs SET state = 'running', cancel_asked = 0, finished_at = NULL
         WHERE id = ?1 AND portal = ?2 AND admin_phone = ?3
           AND NOT EXISTS (SELECT 1 FROM bulk_runs WHERE portal = ?2 AND admin_phone = ?3 AND state = 'running')",
    )
    .bind(run_id)
    .bind(&owner.portal)
    .bind(&owner.admin)
    .execute(db)
    .await
    .map_err(crate::Error::cache)?
    .rows_affected();
    Ok(claimed == 1)
}

/// What the runner of a running run is asked to do between numbers: end `cancelled`, or
/// `paused` (to resume later). Kept in `cancel_asked` (1: cancel, 2: pause).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    Cancel,
    Pause,
}

/// Asks the runner of a running run to stop between numbers (a cancel wins over a pause).
pub async fn ask_stop(db: impl SqliteExecutor<'_>, owner: &Owner, run_id: &str, stop: Stop) -> Result<()> {
    let flag = match stop {
        Stop::Cancel => 1,
        Stop::Pause => 2,
    };
    sqlx::query(
        "UPDATE bulk_runs SET cancel_asked = CASE WHEN cancel_asked = 1 THEN 1 ELSE ? END
         WHERE id = ? AND portal = ? AND admin_phone = ?",
    )
    .bind(flag)
    .bind(run_id)
    .bind(&owner.portal)
    .bind(&owner.admin)
    .execute(db)
    .await
    .map_err(crate::Error::cache)?;
    Ok(())
}

/// Whether a cancel or a pause was asked for the run.
pub async fn stop_asked(db: impl SqliteExecutor<'_>, run_id: &str) -> Result<Option<Stop>> {
    let flag: Option<i64> = sqlx::query_scalar("SELECT cancel_asked FROM bulk_runs WHERE id = ?")
        .bind(run_id)
        .fetch_optional(db)
        .await
        .map_err(crate::Error::cache)?;
    Ok(match flag {
        Some(1) => Some(Stop::Cancel),
        Some(2) => Some(Stop::Pause),
        _ => None,
    })
}

/// Runs left `running` by a process that ended (the app closed or crashed halfway) become
/// `paused`: called when the cache is opened, before any runner of this process can start.
pub async fn pause_interrupted(db: impl SqliteExecutor<'_>) -> Result<u64> {
    Ok(sqlx::query("UPDATE bulk_runs SET state = 'paused', cancel_asked = 0 WHERE state = 'running'")
        .execute(db)
        .await
        .map_err(crate::Error::cache)?
        .rows_affected())
}

/// Forgets a run and its items.
pub async fn delete(db: impl SqliteExecutor<'_>, owner: &Owner, run_id: &str) -> Result<()> {
    sqlx::query("DELETE FROM bulk_runs WHERE id = ? AND portal = ? AND admin_phone = ?")
        .bind(run_id)
        .bind(&owner.portal)
        .bind(&owner.admin)
        .execute(db)
        .await
        .map_err(crate::Error::cache)?;
    Ok(())
}
