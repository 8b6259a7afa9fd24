//! One round of the requests watcher, as a handle on the account (`account.follow_up()`): asks
//! the portal about the requests that are due, saves what it answers, and does what a finished
//! request leaves to do in the area it belongs to (a finished report's file into the library; the
//! number's profile, and its devices for a device request, read again).
//!
//! Why apart from `requests.rs`: the areas that send requests (numbers, devices, reports, sim)
//! keep them with `Requests::track`, so `requests` must not import them back; this module sits
//! above all of them, and [`crate::watcher::follow`] runs [`FollowUp::step`] in a loop (sleeping
//! for the wait it returns, or until `Session::request_started` wakes it). Each step asks with
//! backoff (`cache::requests::backoff`) and reports the records that changed, which the app sends
//! to the window as one event.

use crate::api::{RequestKind, RequestRecord, RequestState};
use crate::cache::requests as cached;
use crate::devices::{self, Devices};
use crate::error::{Error, ErrorCode, Result};
use crate::numbers::Numbers;
use crate::reports::Reports;
use crate::session::Session;
use chrono::{DateTime, Utc};
use std::time::Duration;

/// The longest the watcher sleeps while signed in: a request started elsewhere (the CLI, another
/// window) is noticed at least this often.
const IDLE_WAIT: Duration = Duration::from_secs(60);

/// The watcher's round on a signed-in account; get it with [`crate::account::Account::follow_up`].
#[derive(Clone, Copy)]
pub struct FollowUp<'a> {
    session: &'a Session,
}

impl<'a> FollowUp<'a> {
    pub(crate) fn new(session: &'a Session) -> Self {
        Self { session }
    }

    /// Asks the portal about every open request that is due, and returns the records that
    /// changed and how long to wait before the next step. Signed out, or with the portal
    /// unreachable, nothing changes and the wait is the idle one (or the backoff's).
    pub async fn step(&self) -> (Vec<RequestRecord>, Duration) {
        match self.poll_due(Utc::now()).await {
            Ok(changed) => (changed, self.wait().await),
            Err(e) => {
                if !e.is_unreachable() && e.code != ErrorCode::NotSignedIn {
                    tracing::warn!(code = %e.code_str(), "requests not followed: {}", e.message);
                }
                (Vec::new(), IDLE_WAIT)
            }
        }
    }

    /// Follows one request by the watcher's own rounds ([`FollowUp::poll_due`], with its
    /// backoff) until the portal closes it (done or failed) or `timeout` passes: for a front end
    /// that waits for one request, as the CLI waits for a report. Returns the record as last
    /// known: still open when the time ran out. A moment without the portal is waited out; any
    /// other failure (the session over) is the error.
    pub async fn until_closed(&self, request: &RequestRecord, timeout: Duration) -> Result<RequestRecord> {
        let started = std::time::Instant::now();
        let mut last = request.clone();
        loop {
            if !last.is_open() {
                return Ok(last);
            }
            let left = timeout.saturating_sub(started.elapsed());
            if left.is_zero() {
                return Ok(last);
            }
            match self.poll_due(Utc::now()).await {
                Ok(changed) => {
                    if let Some(now) = changed.into_iter().find(|r| r.id == last.id) {
                        last = now;
                        continue;
                    }
                }
                Err(e) if e.is_unreachable() => {}
                Err(e) => return Err(e),
            }
            tokio::time::sleep(self.wait().await.min(left)).await;
        }
    }

    /// How long until the next open request is due (at most [`IDLE_WAIT`]).
    async fn wait(&self) -> Duration {
        let Ok(owner) = self.session.owner() else { return IDLE_WAIT };
        match cached::next_due(self.session.cache.pool(), &owner).await {
            Ok(Some(at)) => (at - Utc::now()).to_std().unwrap_or(Duration::ZERO).min(IDLE_WAIT),
            _ => IDLE_WAIT,
        }
    }

    /// One round of the watcher: the requests due at `now`, asked about one by one. Stops at
    /// the first answer that is not about the request (unreachable, session over), leaving the
    /// rest due.
    pub async fn poll_due(&self, now: DateTime<Utc>) -> Result<Vec<RequestRecord>> {
        let owner = self.session.owner()?;
        let pool = self.session.cache.pool();
        let due = cached::due(pool, &owner, now).await?;
        let mut changed = Vec::new();
        for before in due {
            let fetched = self.session.client.request_record(&before.id).await;
            let now = self.session.check(fetched).and_then(|r| same_request(&before, r));
            let now = match now {
                Ok(record) => record,
                // The portal no longer knows it (or no longer grants its company): it will not
                // complete, so it is closed as failed rather than asked about for ever.
                Err(e) if e.code == ErrorCode::NotFound => RequestRecord {
                    state: RequestState::Failed,
                    error: Some(e),
                    completed_at: Some(Utc::now()),
                    ..before.clone()
                },
                Err(e) => return Err(e),
            };
            // A finished report is done once its file is in the library: a download that fails
            // on the network leaves it due, to be fetched on a later round.
            if now.kind == RequestKind::Report && now.state == RequestState::Done {
                if let Err(e) = Reports::new(self.session).save_file(&now).await {
                    if e.is_unreachable() || e.code == ErrorCode::SessionExpired {
                        return Err(e);
                    }
                    tracing::warn!(code = %e.code_str(), "a finished report's file not kept: {}", e.message);
                }
            }
            let mut conn = pool.acquire().await.map_err(crate::Error::cache)?;
            if cached::save(&mut conn, &owner, &now, Utc::now()).await? {
                drop(conn);
                self.refresh_subject(&now).await;
                changed.push(now);
            }
        }
        Ok(changed)
    }

    /// Reads again what a request that changed touched: its number's profile (and so its row
    /// of the list). A failure here leaves the record saved; the screen reads it anyway.
    async fn refresh_subject(&self, record: &RequestRecord) {
        let Some(msisdn) = &record.msisdn else { return };
        if let Err(e) = Numbers::new(self.session).detail(msisdn).await {
            tracing::warn!(code = %e.code_str(), "number not re-read after its request changed: {}", e.message);
        }
        // A device request changed the number's registration page (and its request history).
        if devices::KINDS.contains(&record.kind) {
            if let Err(e) = Devices::new(self.session).get(msisdn).await {
                tracing::warn!(code = %e.code_str(), "devices not re-read after their request changed: {}", e.message);
            }
        }
    }
}

/// The portal's answer must be about the request asked for, of the same company and number:
/// it replaces the cached record.
fn same_request(asked: &RequestRecord, got: RequestRecord) -> Result<RequestRecord> {
    if got.id == asked.id && got.company_id == asked.company_id && got.msisdn == asked.msisdn {
        return Ok(got);
    }
    Err(Error::new(
        ErrorCode::InvalidResponse,
        format!("The portal answered about request {:?} when asked about {:?}.", got.id, asked.id),
    ))
}
