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
//! - **Kept in the cache** (`cache::bulk`, migrations 0008, 0010): the preview writes the run
//!   (state `ready`) and one row per number in one transaction (with its own new SIM for a SIM
//!   replacement, whose selection is pairs: `pairs.rs`); each number's OWN Idempotency-Key is
//!   made when it is first sent and kept on its row from then on (a preview never run makes
//!   none). Nothing of a run lives only in memory. The run's and items'
//!   types are the cache's (`cache::bulk_rows`, re-exported here): the cache imports no feature.
//! - **Run** ([`Bulk::run`], `run.rs`): the numbers not yet done, in order, at most
//!   [`CONCURRENCY`] in flight; each kept as an intent of the run BEFORE it is sent with its key
//!   (`crate::intents`, the one store of keys kept until the portal answers), then
//!   `done` or `failed` with the portal's error. A failure of one number does not stop the
//!   others; not knowing whether the portal acted (the network, a timeout, a 5xx, an ended
//!   session) pauses the run, and a resumed run re-sends an unanswered number with the SAME key, so
//!   the portal replays its first answer instead of acting twice. [`Bulk::cancel`] stops it
//!   between numbers (those in flight finish and are recorded). One run at a time per
//!   administrator ([`Bulk::claim`], in the cache). A run left `running` by an app
//!   that closed is `paused` when the cache is opened next ([`crate::cache::bulk::pause_interrupted`]).
//! - The requests a bulk block, unblock or SIM replacement starts are followed by the ONE requests watcher
//!   (`account.requests().track`), like a request sent alone, so the list shows each number
//!   blocked when the portal completes it; the company's list is also synced once at the end of
//!   a run (the balances and bans a run changed). A run of thousands of blocks makes the watcher
//!   ask about each (due ones in order, with the usual backoff).
//! - Memory: a run reads its next numbers from the cache in small batches and keeps only counts
//!   and the last few finish times (the estimate); results live in the cache.

mod action;
mod export;
mod pairs;
mod preview;
mod run;
mod runner;

pub use crate::cache::bulk_rows::{BulkItem, BulkRun, ItemState, PortalCheck, RunState};
pub use pairs::{lines_of_file, split as split_pair};
pub use run::Claimed;
pub use runner::Runner;

use crate::action::Action;
use crate::cache::bulk as table;
use crate::cache::documents::DocumentInfo;
use crate::error::{Error, ErrorCode, Result};
use crate::session::Session;
use crate::settings::Language;
use chrono::Utc;
use serde::{Deserialize, Serialize};

/// The most requests of one run in flight at once: bounded so a large run does not flood the
/// portal (4 at 50 ms a round trip is 80 numbers a second).
pub const CONCURRENCY: usize = 4;

/// Which numbers a bulk action is for.
///
/// JSON, externally tagged: `{"numbers": ["+7 701 054 20 07", "87012115526"]}` (typed or read
/// from a file, as people write them; each is read as a phone number, and a line that is not one
/// is a skipped item with reason `invalid_number`), or `{"search": "text"}` (the numbers list's
/// search over the company's CACHED list; empty = the whole company), or, for an action that
/// takes each number's own new SIM (SIM replacement, [`Action::needs_iccids`]),
/// `{"pairs": ["77010542007 8999…", "87012115526;8999…"]}`: a line per number with its ICCID
/// (`pairs.rs` reads them; [`lines_of_file`] makes them of a CSV or XLSX).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Selection {
    Numbers(Vec<String>),
    Search(String),
    Pairs(Vec<String>),
}

/// Bulk actions of a signed-in account; get it with [`crate::account::Account::bulk`].
#[derive(Clone, Copy)]
pub struct Bulk<'a> {
    session: &'a Session,
}

impl<'a> Bulk<'a> {
    pub(crate) fn new(session: &'a Session) -> Self {
        Self { session }
    }

    /// Previews `action` on the `selection` of the company's numbers and keeps the run (state
    /// `ready`), see `preview.rs`.
    pub async fn preview(&self, company_id: i64, selection: &Selection, action: &Action) -> Result<BulkRun> {
        preview::preview(self.session, company_id, selection, action).await
    }

    /// Runs (or resumes) a run to its end, a cancel or a pause; `progress` is called after each
    /// number with the run as it stands. See `run.rs`.
    pub async fn run(&self, run_id: &str, progress: impl Fn(&BulkRun) + Send + Sync) -> Result<BulkRun> {
        let claimed = run::claim(self.session, run_id).await?;
        run::run_claimed(self.session, claimed, &progress).await
    }

    /// Claims a run (`running` in the cache) or refuses at once: it is already running, or
    /// another run of this administrator is. A front end claims, then drives the run in the
    /// background with [`Bulk::run_claimed`].
    pub async fn claim(&self, run_id: &str) -> Result<Claimed> {
        run::claim(self.session, run_id).await
    }

    /// Runs a claimed run to its end, a cancel or a pause (as [`Bulk::run`]).
    pub async fn run_claimed(&self, claimed: Claimed, progress: impl Fn(&BulkRun) + Send + Sync) -> Result<BulkRun> {
        run::run_claimed(self.session, claimed, &progress).await
    }

    /// Asks a run to stop between numbers: a running one stops starting numbers (those in flight
    /// finish) and ends `cancelled`, or `finished` when every number was already sent; a ready or paused one is `cancelled` at once. A finished run
    /// stays finished.
    pub async fn cancel(&self, run_id: &str) -> Result<BulkRun> {
        let owner = self.session.owner()?;
        let pool = self.session.cache.pool();
        let run = self.get(run_id).await?;
        match run.state {
            RunState::Running => table::ask_stop(pool, &owner, run_id, table::Stop::Cancel).await?,
            RunState::Ready | RunState::Paused => {
                table::set_state(pool, run_id, RunState::Cancelled, Some(Utc::now())).await?
            }
            RunState::Cancelled | RunState::Finished => {}
        }
        self.get(run_id).await
    }

    /// Asks a running run to pause between numbers (those in flight finish): it ends `paused`,
    /// and resumes where it stopped when started again. A run that is not running is as it was.
    pub async fn pause(&self, run_id: &str) -> Result<BulkRun> {
        let owner = self.session.owner()?;
        if self.get(run_id).await?.state == RunState::Running {
            table::ask_stop(self.session.cache.pool(), &owner, run_id, table::Stop::Pause).await?;
        }
        self.get(run_id).await
    }

    /// One run of this administrator.
    pub async fn get(&self, run_id: &str) -> Result<BulkRun> {
        table::get(self.session.cache.pool(), &self.session.owner()?, run_id)
            .await?
            .ok_or_else(|| Error::new(ErrorCode::NotFound, "No such bulk run."))
    }

    /// `limit` numbers of a run from `offset`, in selection order.
    pub async fn items(&self, run_id: &str, offset: u64, limit: u64) -> Result<Vec<BulkItem>> {
        self.get(run_id).await?;
        table::items(self.session.cache.pool(), run_id, offset, limit.clamp(1, 1000)).await
    }

    /// This administrator's runs (of one company when given), newest first.
    pub async fn runs(&self, company_id: Option<i64>) -> Result<Vec<BulkRun>> {
        table::list(self.session.cache.pool(), &self.session.owner()?, company_id).await
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
        table::delete(self.session.cache.pool(), &self.session.owner()?, run_id).await
    }

    /// The run's results as XLSX (one row per number), kept in the documents library.
    pub async fn export(&self, run_id: &str, lang: Language) -> Result<DocumentInfo> {
        export::export(self.session, run_id, lang).await
    }
}
