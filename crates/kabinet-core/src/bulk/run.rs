//! Running a bulk run: the numbers still to send, in order, at most [`CONCURRENCY`] in flight.
//!
//! Per number: its key made when it is first sent (kept in the run's row from then on), then
//! kept as an intent of the run (`crate::intents`, the one store of "a key kept until the portal
//! answers") BEFORE its request goes out with that key, and
//! sent the one way every kept action is sent; then `done` (with the portal's request id when the answer is a request record)
//! or `failed` with the portal's refusal (code, reason, message), counted on the run in the same
//! transaction. A refusal is one number's result: the run goes on. An answer that says nothing
//! about whether the portal acted (unreachable, a timeout, a 5xx, an ended session, an answer
//! that cannot be read) leaves the number to send (its intent kept) and pauses the run: resumed,
//! the number is re-sent with the same key and the portal replays its first answer, so it acts once.
//!
//! The stop flag (cancel or pause) is read between numbers (from the cache, where `cancel` and
//! `pause` set it, so any handle of the account can stop a run); once asked, no number starts
//! and those in flight finish. When nothing was left to start, a cancel stopped nothing and the
//! run ends `finished`; a paused run is resumed by claiming it again.

use super::{action, BulkRun, RunState, CONCURRENCY};
use crate::action::Action;
use crate::api::RequestRecord;
use crate::cache::bulk::{self as table, Finished, Stop, ToSend};
use crate::cache::Owner;
use crate::client::PortalClient;
use crate::domain::Phone;
use crate::error::{Error, ErrorCode, Reason, Result};
use crate::intents;
use crate::numbers::Numbers;
use crate::requests::Requests;
use crate::session::Session;
use chrono::Utc;
use sqlx::SqlitePool;
use std::collections::VecDeque;
use std::sync::Arc;
use std::time::Instant;
use tokio::task::JoinSet;

/// Numbers read from the cache at a time.
const BATCH: u64 = 64;
/// The estimate's window: the rate of the last this many numbers.
const RATE_WINDOW: usize = 32;

/// Whether an error leaves it unknown whether the portal acted, or stops every further number:
/// the run pauses and the number is re-sent with its key on resume.
fn pauses(e: &Error) -> bool {
    e.reason == Some(Reason::IntentUnanswered)
        || e.is_unreachable()
        || matches!(
            e.code,
            ErrorCode::Internal
                | ErrorCode::SessionExpired
                | ErrorCode::NotSignedIn
                | ErrorCode::RateLimited
                | ErrorCode::InvalidResponse
        )
}

/// What a number's task needs, owned (it runs off the runner's task).
struct Sender {
    client: PortalClient,
    pool: SqlitePool,
    owner: Owner,
    run_id: String,
    action: Action,
}

/// One number's request, sent as an intent of the run (`intents::send_in_run`): kept with its
/// key before it goes out, closed when the portal answers.
async fn send(sender: Arc<Sender>, item: ToSend) -> (u64, Result<serde_json::Value>) {
    let result = async {
        let phone = Phone::parse(&item.msisdn)?;
        let call = action::call(&sender.action, &phone, item.iccid.as_deref())?;
        // Made when the number is first sent, kept in the cache before it goes out.
        let key = match item.key {
            Some(key) => key,
            None => {
                let fresh = uuid::Uuid::new_v4().to_string();
                table::key_for(&sender.pool, &sender.run_id, item.position, &fresh).await?
            }
        };
        let run = (sender.run_id.as_str(), key.as_str());
        let kind = sender.action.kind();
        intents::send_in_run(&sender.client, &sender.pool, &sender.owner, run, kind, phone.as_str(), &call).await
    }
    .await;
    (item.position, result)
}

/// The answer as a request record (block, unblock, SIM replacement: requests the portal
/// completes later).
fn request_record(answer: &serde_json::Value) -> Option<RequestRecord> {
    serde_json::from_value::<RequestRecord>(answer.clone()).ok()
}

/// A run this runner may drive: claimed `running` in the cache (or finished: nothing to do).
#[derive(Debug)]
pub struct Claimed(BulkRun);

impl Claimed {
    /// The run as it was claimed.
    pub fn run(&self) -> &BulkRun {
        &self.0
    }
}

/// Claims a run for this runner, so a front end can refuse at once and drive it in the
/// background: one run at a time per administrator, kept in the cache, not in a front end.
pub(super) async fn claim(session: &Session, run_id: &str) -> Result<Claimed> {
    let owner = session.owner()?;
    let pool = session.cache.pool();
    let mut current =
        table::get(pool, &owner, run_id).await?.ok_or_else(|| Error::new(ErrorCode::NotFound, "No such bulk run."))?;
    if current.state == RunState::Finished {
        return Ok(Claimed(current));
    }
    if current.state == RunState::Running {
        return Err(Error::new(ErrorCode::NotAllowedInState, "This bulk action is already running."));
    }
    if !table::claim(pool, &owner, run_id).await? {
        return Err(Error::new(
            ErrorCode::NotAllowedInState,
            "Another bulk action is running. Wait until it ends, or cancel it, then start this one.",
        ));
    }
    current.state = RunState::Running;
    Ok(Claimed(current))
}

/// Drives a claimed run to its end, a cancel or a pause.
pub(super) async fn run_claimed(
    session: &Session,
    Claimed(current): Claimed,
    progress: &(dyn Fn(&BulkRun) + Send + Sync),
) -> Result<BulkRun> {
    if current.state == RunState::Finished {
        return Ok(current);
    }
    let pool = session.cache.pool();
    let run_id = current.id.clone();
    progress(&current);
    match drive(session, &run_id, current, progress).await {
        Ok(last) => Ok(last),
        Err(e) => {
            // Not left `running` with no runner: a cancel would wait forever.
            if let Err(paused) = table::set_state(pool, &run_id, RunState::Paused, None).await {
                tracing::warn!("bulk run {run_id} not paused after an error: {}", paused.message);
            }
            Err(e)
        }
    }
}

/// The run's loop, from `running` to its end, a cancel or a pause.
async fn drive(
    session: &Session,
    run_id: &str,
    mut current: BulkRun,
    progress: &(dyn Fn(&BulkRun) + Send + Sync),
) -> Result<BulkRun> {
    let owner = session.owner()?;
    let pool = session.cache.pool();

    let sender = Arc::new(Sender {
        client: session.client.clone(),
        pool: pool.clone(),
        owner: owner.clone(),
        run_id: run_id.to_string(),
        action: current.action.clone(),
    });
    let mut in_flight: JoinSet<(u64, Result<serde_json::Value>)> = JoinSet::new();
    let mut batch: VecDeque<ToSend> = VecDeque::new();
    let (mut after, mut exhausted) = (None, false);
    let mut finishes: VecDeque<Instant> = VecDeque::with_capacity(RATE_WINDOW + 1);
    let mut stop: Option<RunState> = None;
    let mut pause_error: Option<Error> = None;
    let mut acted = 0u64;
    loop {
        while stop.is_none() && in_flight.len() < CONCURRENCY {
            match table::stop_asked(pool, run_id).await? {
                Some(Stop::Cancel) => {
                    stop = Some(RunState::Cancelled);
                    break;
                }
                Some(Stop::Pause) => {
                    stop = Some(RunState::Paused);
                    break;
                }
                None => {}
            }
            if batch.is_empty() && !exhausted {
                batch.extend(table::to_send(pool, run_id, after, BATCH).await?);
                exhausted = (batch.len() as u64) < BATCH;
            }
            let Some(item) = batch.pop_front() else { break };
            after = Some(item.position);
            in_flight.spawn(send(sender.clone(), item));
        }
        let Some(joined) = in_flight.join_next().await else { break };
        let (position, result) =
            joined.map_err(|e| Error::new(ErrorCode::Internal, format!("A bulk request task failed: {e}")))?;
        let outcome = match result {
            Ok(answer) => {
                let record = request_record(&answer);
                // Followed by the ONE watcher like a request sent alone, so the list shows the
                // number blocked when the portal completes it (a failure to keep it leaves the
                // number's result as it is: the sync at the end still shows it In process).
                if let Some(record) = &record {
                    if let Err(e) = Requests::new(session).track(record).await {
                        tracing::warn!(code = %e.code_str(), "a bulk request not followed: {}", e.message);
                    }
                }
                Finished::Done { request_id: record.map(|r| r.id) }
            }
            Err(e) if pauses(&e) => {
                // Left `sending`: re-sent with its key on resume.
                if stop.is_none() || stop == Some(RunState::Cancelled) {
                    stop = Some(RunState::Paused);
                }
                pause_error.get_or_insert(e);
                continue;
            }
            Err(e) => Finished::Failed(e),
        };
        table::finish(pool, run_id, position, &outcome, Utc::now()).await?;
        acted += 1;
        match outcome {
            Finished::Done { .. } => current.done += 1,
            Finished::Failed(_) => current.failed += 1,
        }
        current.remaining = current.to_run.saturating_sub(current.done + current.failed);
        finishes.push_back(Instant::now());
        if finishes.len() > RATE_WINDOW {
            finishes.pop_front();
        }
        current.eta_s = estimate(&finishes, current.remaining);
        progress(&current);
    }
    // A cancel that came when every number was already sent stopped nothing: the run finished,
    // and says so (not "cancelled" with nothing cancelled).
    let end = match stop {
        Some(RunState::Cancelled) if current.remaining == 0 => RunState::Finished,
        stop => stop.unwrap_or(RunState::Finished),
    };
    let ended = (end != RunState::Paused).then(Utc::now);
    table::set_state(pool, run_id, end, ended).await?;
    if let Some(e) = &pause_error {
        session.check::<()>(Err(e.clone())).ok();
        tracing::warn!(code = %e.code_str(), "bulk run {run_id} paused: {}", e.message);
    }
    // The states, balances and bans the run changed show in the list after one sync; the
    // requests a block starts are followed by the watcher, which shows their completion.
    if acted > 0 && pause_error.as_ref().is_none_or(|e| !e.is_unreachable()) {
        if let Err(e) = Numbers::new(session).sync(current.company_id, false, &|_| {}).await {
            tracing::warn!(code = %e.code_str(), "the list was not synced after a bulk run: {}", e.message);
        }
    }
    let mut last =
        table::get(pool, &owner, run_id).await?.ok_or_else(|| Error::new(ErrorCode::NotFound, "No such bulk run."))?;
    last.eta_s = None;
    progress(&last);
    Ok(last)
}

/// Seconds left at the rate of the last finishes, once there are a few.
fn estimate(finishes: &VecDeque<Instant>, remaining: u64) -> Option<u64> {
    if remaining == 0 {
        return Some(0);
    }
    let (first, last) = (finishes.front()?, finishes.back()?);
    let span = last.duration_since(*first).as_secs_f64();
    if finishes.len() < 3 || span <= 0.0 {
        return None;
    }
    let rate = (finishes.len() - 1) as f64 / span;
    Some((remaining as f64 / rate).ceil() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn the_estimate_is_the_remaining_at_the_rate_of_the_last_finishes() {
        let start = Instant::now();
        let at = |ms: u64| start + Duration::from_millis(ms);
        // Four finishes 100 ms apart: 10 a second, so 50 left take 5 s.
        let finishes: VecDeque<Instant> = [0, 100, 200, 300].into_iter().map(at).collect();
        assert_eq!(estimate(&finishes, 50), Some(5));
        assert_eq!(estimate(&finishes, 0), Some(0));
        let too_few: VecDeque<Instant> = [0, 100].into_iter().map(at).collect();
        assert_eq!(estimate(&too_few, 50), None, "no estimate from two finishes");
    }

    #[test]
    fn an_unknown_outcome_pauses_and_a_refusal_does_not() {
        assert!(pauses(&Error::new(ErrorCode::PortalUnreachable, "")));
        assert!(pauses(&Error::new(ErrorCode::PortalTimeout, "")));
        assert!(pauses(&Error::new(ErrorCode::Internal, "")));
        assert!(pauses(&Error::new(ErrorCode::SessionExpired, "")));
        assert!(!pauses(&Error::new(ErrorCode::NotAllowedInState, "")));
        assert!(!pauses(&Error::new(ErrorCode::InsufficientFunds, "")));
        assert!(!pauses(&Error::new(ErrorCode::NotFound, "")));
    }
}
