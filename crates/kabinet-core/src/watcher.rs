//! The ONE watcher of requests that finish later, for a whole process's life: it follows every
//! request kept in the cache (`account.requests().track`), whoever sent it: an action on one
//! number, a bulk run's block or unblock, a left-over intent resolved at start, or another
//! process on the same cache (noticed within the idle wait).
//!
//! Why here and not in the app: the loop (a step, then sleep for the wait the step returns or
//! until a request starts) is the same for every front end, so it is written once; the app only
//! forwards each change to its window (`src-tauri/watcher.rs`), a CLI that waits could print it.
//!
//! The account is taken again at every step through `account`, so a front end that replaces its
//! account (a change of portal) is followed from the next step on; it wakes the old one
//! ([`crate::account::Account::wake_watcher`]) so the watcher moves at once.

use crate::account::Account;
use crate::api::RequestRecord;
use std::future::Future;
use std::sync::Arc;

/// Follows the requests for ever: each step asks the portal about the due ones
/// ([`crate::follow_up::FollowUp::step`]) and calls `changed` once per record that changed;
/// then it sleeps until the next one is due, or until a request starts on the account.
pub async fn follow<A, F>(account: A, changed: impl Fn(&RequestRecord)) -> std::convert::Infallible
where
    A: Fn() -> F,
    F: Future<Output = Arc<Account>>,
{
    loop {
        let account = account().await;
        let (records, wait) = account.follow_up().step().await;
        for record in &records {
            changed(record);
        }
        tokio::select! {
            _ = tokio::time::sleep(wait) => {}
            _ = account.request_wake() => {}
        }
    }
}
