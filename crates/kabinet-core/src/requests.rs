//! Requests that finish later (block, unblock; SIM replacement, IMEI registrations and reports
//! next), as a handle on the account (`account.requests()`): each one the portal accepts is
//! kept in the cache ([`Requests::track`]), and ONE watcher follows the open ones until the
//! portal completes them.
//!
//! Why one watcher in core rather than each screen polling: an IMEI registration takes up to 8
//! hours, longer than any screen stays open, and a request must be followed after a restart.
//! The watcher's round is `follow_up.rs` (it sits above the areas that send requests, which
//! import this module to keep theirs); its loop is [`crate::watcher::follow`].

use crate::api::RequestRecord;
use crate::cache::requests as cached;
use crate::domain::Phone;
use crate::error::Result;
use crate::session::Session;
use chrono::Utc;

/// The requests of a signed-in account; get it with [`crate::account::Account::requests`].
#[derive(Clone, Copy)]
pub struct Requests<'a> {
    session: &'a Session,
}

impl<'a> Requests<'a> {
    pub(crate) fn new(session: &'a Session) -> Self {
        Self { session }
    }

    /// Keeps a request the portal accepted, so the watcher follows it; wakes the watcher.
    pub async fn track(&self, record: &RequestRecord) -> Result<()> {
        let owner = self.session.owner()?;
        let mut conn = self.session.cache.pool().acquire().await.map_err(crate::Error::cache)?;
        cached::save(&mut conn, &owner, record, Utc::now()).await?;
        self.session.request_started();
        Ok(())
    }

    /// A number's requests as last known, newest first (from the cache: they show offline too).
    pub async fn of_number(&self, msisdn: &str) -> Result<Vec<RequestRecord>> {
        let phone = Phone::parse(msisdn)?;
        cached::of_number(self.session.cache.pool(), &self.session.owner()?, phone.as_str()).await
    }
}
