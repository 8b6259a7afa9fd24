//! Bulk actions: one action (block, unblock, a service on or off, a ban on or off, send the
//! secret code) on many numbers of a company, as a handle on the account (`account.bulk()`).
//!
//! The shape, and why:
//! - **Preview first** ([`Bulk::preview`], `preview.rs`): each number of the selection, in
//!   order, will run or is skipped with its reason: not a number (`invalid_number`), not in the
//!   company's cached list (`not_in_company`), a duplicate (`duplicate`), the shared state ×
//!   action table on the cached state (`rules::number_actions`), then the portal's own checks in
//!   ONE read-only request for all the rest (already enabled, short funds, a ban already set).
//!   Offline, or on a portal without the check (it answers 404 or 405 for the route), the
//!   preview still works on the local rules and says which ([`PortalCheck`]); the portal still
//!   checks each number when it is sent.
//! - **Kept in the cache** (`cache::bulk`, migration 0008): the preview writes the run (state
//!   `ready`) and one row per number in one transaction, each number to run with its OWN
//!   Idempotency-Key made then. Nothing of a run lives only in memory.
//! - **Run** ([`Bulk::run`], `run.rs`): the numbers not yet done, in order, at most
//!   [`CONCURRENCY`] in flight; each marked `sending` BEFORE it is sent with its key, then
//!   `done` or `failed` with the portal's error. A failure of one number does not stop the
//!   others; not knowing whether the portal acted (the network, a timeout, a 5xx, an ended
//!   session) pauses the run, and a resumed run re-sends a `sending` number with the SAME key, so
//!   the portal replays its first answer instead of acting twice. [`Bulk::cancel`] stops it
//!   between numbers (those in flight finish and are recorded). A run left `running` by an app
//!   that closed is `paused` when the cache is opened next ([`crate::cache::bulk::pause_interrupted`]).
//! - The requests a bulk block or unblock starts are followed by the ONE requests watcher
//!   (`account.requests().track`), like a request sent alone, so the list shows each number
//!   blocked when the portal completes it; the company's list is also synced once at the end of
//!   a run (the balances and bans a run changed). A run of thousands of blocks makes the watcher
//!   ask about each (due ones in order, with the usual backoff).
//! - Memory: a run reads its next numbers from the cache in small batches and keeps only counts
//!   and the last few finish times (the estimate); results live in the cache.

mod action;
mod export;
mod preview;
mod run;

pub use run::Claimed;

use crate::account::Account;
use crate::api::BulkAction;
use crate::cache::bulk as table;
use crate::cache::documents::DocumentInfo;
use crate::error::{Error, ErrorCode, Result};
use crate::settings::Language;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The most requests of one run in flight at once: bounded so a large run does not flood the
/// portal (4 at 50 ms a round trip is 80 numbers a second).
pub const CONCURRENCY: usize = 4;

/// Which numbers a bulk action is for.
///
/// JSON, externally tagged: `{"numbers": ["+7 701 054 20 07", "87012115526"]}` (typed or read
/// from a file, as people write them; each is read as a phone number, and a line that is not one
/// is a skipped item with reason `invalid_number`), or `{"search": "text"}` (the numbers list's
/// search over the company's CACHED list; empty = the whole company).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Selection {
    Numbers(Vec<String>),
    Search(String),
}

/// Where a run stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RunState {
    /// Previewed, nothing sent yet.
    Ready,
    /// A runner is sending its numbers now.
    Running,
    /// Stopped before the end (the portal could not be reached, the session ended, or the app
    /// closed); [`Bulk::run`] resumes it.
    Paused,
    /// Cancelled by the user: the numbers not sent stay `to_run` (shown "cancelled"); it can
    /// still be resumed.
    Cancelled,
    /// Every number to run was done or failed.
    Finished,
}

impl RunState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ready => "ready",
            Self::Running => "running",
            Self::Paused => "paused",
            Self::Cancelled => "cancelled",
            Self::Finished => "finished",
        }
    }

    pub(crate) fn parse(s: &str) -> Self {
        match s {
            "ready" => Self::Ready,
            "running" => Self::Running,
            "cancelled" => Self::Cancelled,
            "finished" => Self::Finished,
            _ => Self::Paused,
        }
    }
}

/// Whether the portal's own checks were made at the preview, and if not, why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PortalCheck {
    /// The portal checked every number the local rules let through.
    Checked,
    /// The portal could not be reached (offline, a timeout): only the local rules were applied.
    Unreachable,
    /// The portal has no bulk check (an older portal: 404 or 405 for the route): only the local
    /// rules were applied.
    NotOffered,
}

impl PortalCheck {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Checked => "checked",
            Self::Unreachable => "unreachable",
            Self::NotOffered => "not_offered",
        }
    }
}

/// Where one number of a run stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemState {
    ToRun,
    Skipped,
    /// Sent (or about to be), its answer not recorded yet: re-sent with the same key on resume.
    Sending,
    Done,
    Failed,
}

impl ItemState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ToRun => "to_run",
            Self::Skipped => "skipped",
            Self::Sending => "sending",
            Self::Done => "done",
            Self::Failed => "failed",
        }
    }

    pub(crate) fn parse(s: &str) -> Self {
        match s {
            "skipped" => Self::Skipped,
            "sending" => Self::Sending,
            "done" => Self::Done,
            "failed" => Self::Failed,
            _ => Self::ToRun,
        }
    }
}

/// A bulk run: its action, state and counts (`to_run` = `total` − `skipped`; `remaining` =
/// `to_run` − `done` − `failed`), and while it runs an estimate of the seconds left.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkRun {
    pub id: String,
    pub company_id: i64,
    pub action: BulkAction,
    pub state: RunState,
    pub total: u64,
    pub to_run: u64,
    pub skipped: u64,
    pub done: u64,
    pub failed: u64,
    pub remaining: u64,
    /// Whether the portal's checks were made at the preview, or why only the local rules were.
    pub portal_check: PortalCheck,
    pub created_at: DateTime<Utc>,
    pub eta_s: Option<u64>,
}

/// One number of a run, with its result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkItem {
    /// Its place in the selection, from 0.
    pub position: u64,
    /// The canonical number, or the line as written when it is not a number.
    pub msisdn: String,
    pub state: ItemState,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// The portal's request, when the action is one (block, unblock).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finished_at: Option<DateTime<Utc>>,
}

/// Bulk actions of a signed-in account; get it with [`Account::bulk`].
#[derive(Clone, Copy)]
pub struct Bulk<'a> {
    account: &'a Account,
}

impl<'a> Bulk<'a> {
    pub(crate) fn new(account: &'a Account) -> Self {
        Self { account }
    }

    /// Previews `action` on the `selection` of the company's numbers and keeps the run (state
    /// `ready`), see `preview.rs`.
    pub async fn preview(&self, company_id: i64, selection: &Selection, action: &BulkAction) -> Result<BulkRun> {
        preview::preview(self.account, company_id, selection, action).await
    }

    /// Runs (or resumes) a run to its end, a cancel or a pause; `progress` is called after each
    /// number with the run as it stands. See `run.rs`.
    pub async fn run(&self, run_id: &str, progress: impl Fn(&BulkRun) + Send + Sync) -> Result<BulkRun> {
        let claimed = run::claim(self.account, run_id).await?;
        run::run_claimed(self.account, claimed, &progress).await
    }

    /// Claims a run (`running` in the cache) or refuses at once: it is already running, or
    /// another run of this administrator is. A front end claims, then drives the run in the
    /// background with [`Bulk::run_claimed`].
    pub async fn claim(&self, run_id: &str) -> Result<Claimed> {
        run::claim(self.account, run_id).await
    }

    /// Runs a claimed run to its end, a cancel or a pause (as [`Bulk::run`]).
    pub async fn run_claimed(&self, claimed: Claimed, progress: impl Fn(&BulkRun) + Send + Sync) -> Result<BulkRun> {
        run::run_claimed(self.account, claimed, &progress).await
    }

    /// Asks a run to stop between numbers: a running one stops starting numbers (those in flight
    /// finish) and ends `cancelled`, or `finished` when every number was already sent; a ready or paused one is `cancelled` at once. A finished run
    /// stays finished.
    pub async fn cancel(&self, run_id: &str) -> Result<BulkRun> {
        let owner = self.account.owner()?;
        let pool = self.account.cache.pool();
        let run = self.get(run_id).await?;
        match run.state {
            RunState::Running => table::ask_cancel(pool, &owner, run_id).await?,
            RunState::Ready | RunState::Paused => {
                table::set_state(pool, run_id, RunState::Cancelled, Some(Utc::now())).await?
            }
            RunState::Cancelled | RunState::Finished => {}
        }
        self.get(run_id).await
    }

    /// One run of this administrator.
    pub async fn get(&self, run_id: &str) -> Result<BulkRun> {
        table::get(self.account.cache.pool(), &self.account.owner()?, run_id)
            .await?
            .ok_or_else(|| Error::new(ErrorCode::NotFound, "No such bulk run."))
    }

    /// `limit` numbers of a run from `offset`, in selection order.
    pub async fn items(&self, run_id: &str, offset: u64, limit: u64) -> Result<Vec<BulkItem>> {
        self.get(run_id).await?;
        table::items(self.account.cache.pool(), run_id, offset, limit.clamp(1, 1000)).await
    }

    /// This administrator's runs (of one company when given), newest first.
    pub async fn runs(&self, company_id: Option<i64>) -> Result<Vec<BulkRun>> {
        table::list(self.account.cache.pool(), &self.account.owner()?, company_id).await
    }

    /// Forgets a run and its results (not while it runs).
    pub async fn discard(&self, run_id: &str) -> Result<()> {
        let run = self.get(run_id).await?;
        if run.state == RunState::Running {
            return Err(Error::new(
                ErrorCode::NotAllowedInState,
                "A running bulk action cannot be discarded: cancel it first.",
            ));
        }
        table::delete(self.account.cache.pool(), &self.account.owner()?, run_id).await
    }

    /// The run's results as XLSX (one row per number), kept in the documents library.
    pub async fn export(&self, run_id: &str, lang: Language) -> Result<DocumentInfo> {
        export::export(self.account, run_id, lang).await
    }
}
