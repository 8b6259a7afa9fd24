//! The ONE runner of bulk runs, for the app and the CLI alike: claims a run (refused at once when
//! it or another run of the administrator is running, or it is finished), drives it in order
//! with at most [`super::CONCURRENCY`] numbers in flight (`run.rs`), and reports its progress
//! at most ten times a second while it runs, and always its last state. Cancel and pause are
//! asked through the cache (`Bulk::cancel`, `Bulk::pause`, from any handle of the account, or
//! the `stop` future given to [`Runner::drive`], e.g. Ctrl-C); resume is claiming the run again.
//!
//! Why here: the app and the CLI each had their own loop (a throttle and a `Mutex` in the shell,
//! a Ctrl-C `select!` in the CLI); now each gives only what it does with a progress (an event to
//! the window, a line on the terminal), and keeps no state of a run.
//!
//! The runner holds what gives it the session (anything that derefs to a holder of a
//! [`Session`]: `&Account` for a caller that waits, `Arc<Account>` for one that
//! [`Runner::spawn`]s it), never a global.

use super::run::{self, Claimed};
use super::{Bulk, BulkRun, RunState};
use crate::error::{Error, ErrorCode, Result};
use crate::session::Session;
use std::future::Future;
use std::ops::Deref;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The least time between two progress reports of a running run.
const THROTTLE: Duration = Duration::from_millis(100);

/// A claimed run and what gives it the session; drive it with [`Runner::drive`] or
/// [`Runner::spawn`].
pub struct Runner<A> {
    account: A,
    claimed: Claimed,
}

impl<A> Runner<A>
where
    A: Deref,
    A::Target: AsRef<Session>,
{
    /// Claims the run to start or resume it: refused at once when it or another run of this
    /// administrator is running, or when it is finished (every number was sent).
    pub async fn claim(account: A, run_id: &str) -> Result<Self> {
        let claimed = run::claim((*account).as_ref(), run_id).await?;
        if claimed.run().state == RunState::Finished {
            return Err(Error::new(
                ErrorCode::NotAllowedInState,
                "This bulk action is finished: every number was sent.",
            ));
        }
        Ok(Self { account, claimed })
    }

    /// The run as it was claimed.
    pub fn run(&self) -> &BulkRun {
        self.claimed.run()
    }

    /// Drives the run to its end, a cancel or a pause. `progress` gets the run as it goes (at
    /// most ten a second while it runs, and always the last state, also after an error); when
    /// `stop` completes (Ctrl-C), the run is asked to cancel between numbers and is driven on
    /// until those in flight are answered.
    pub async fn drive(
        self,
        progress: impl Fn(&BulkRun) + Send + Sync,
        stop: impl Future<Output = ()>,
    ) -> Result<BulkRun> {
        let Self { account, claimed } = self;
        let session = (*account).as_ref();
        let bulk = Bulk::new(session);
        let run_id = claimed.run().id.clone();
        let last_sent: Mutex<Option<Instant>> = Mutex::new(None);
        let throttled = |run: &BulkRun| {
            let mut last = last_sent.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            if run.state == RunState::Running && last.is_some_and(|t| t.elapsed() < THROTTLE) {
                return;
            }
            *last = Some(Instant::now());
            progress(run);
        };
        let driving = run::run_claimed(session, claimed, &throttled);
        tokio::pin!(driving);
        tokio::pin!(stop);
        let mut stopped = false;
        let ended = loop {
            tokio::select! {
                ended = &mut driving => break ended,
                () = &mut stop, if !stopped => {
                    stopped = true;
                    if let Err(e) = bulk.cancel(&run_id).await {
                        tracing::warn!(code = %e.code_str(), "bulk run {run_id} not cancelled: {}", e.message);
                    }
                }
            }
        };
        if let Err(e) = &ended {
            tracing::warn!(code = %e.code_str(), "bulk run {run_id} stopped: {}", e.message);
            // Whoever follows the run still learns where it stands.
            if let Ok(run) = bulk.get(&run_id).await {
                progress(&run);
            }
        }
        ended
    }
}

impl<A> Runner<A>
where
    A: Deref + Send + Sync + 'static,
    A::Target: AsRef<Session>,
{
    /// [`Runner::drive`] on a task of its own, stopped only through the cache (`Bulk::cancel`,
    /// `Bulk::pause`): for a front end that returns at once and follows `progress`.
    pub fn spawn(
        self,
        progress: impl Fn(&BulkRun) + Send + Sync + 'static,
    ) -> tokio::task::JoinHandle<Result<BulkRun>> {
        tokio::spawn(self.drive(progress, std::future::pending()))
    }
}
