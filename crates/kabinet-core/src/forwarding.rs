//! Call forwarding of a number, as a handle on the account (`account.forwarding()`): the four
//! kinds (unconditional, busy, no answer with its delay, unreachable), each with its own target.
//! A forwarding is checked by the shared rule (`rules::forwarding`, the one the sandbox
//! applies) before anything is sent, so a wrong target or delay is named by its field (`target`,
//! `delay_s`) even offline. The forwardings are read through the cache like the profile's parts.

use crate::action::ActionKind;
use crate::api::{ForwardKind, ForwardingList, SetForwarding};
use crate::cache::cards::{self, Part};
use crate::cache::Cached;
use crate::client::Call;
use crate::error::{Error, ErrorCode, Result};
use crate::intents::Intents;
use crate::numbers::Numbers;
use crate::rules::forwarding;
use crate::session::Session;
use chrono::Utc;

/// Call forwarding of a signed-in account; get it with [`crate::account::Account::forwarding`].
#[derive(Clone, Copy)]
pub struct CallForwarding<'a> {
    session: &'a Session,
}

/// A kind as the caller names it (`busy`, …): only the ones this version knows.
fn kind(raw: &str) -> Result<ForwardKind> {
    ForwardKind::parse(raw.trim()).ok_or_else(|| {
        Error::invalid_field(
            ErrorCode::InvalidInput,
            "kind",
            "The forwarding kind must be unconditional, busy, no_answer or unreachable.",
        )
    })
}

impl<'a> CallForwarding<'a> {
    pub(crate) fn new(session: &'a Session) -> Self {
        Self { session }
    }

    /// The number's forwardings that are set (a kind not listed is off): the portal's, or the
    /// cached ones offline.
    pub async fn list(&self, msisdn: &str) -> Result<Cached<ForwardingList>> {
        let numbers = Numbers::new(self.session);
        let number = numbers.checked(msisdn)?;
        let fetched = self.session.client.forwarding(&number.phone).await;
        numbers.read_through(&number, Part::Forwarding, fetched).await
    }

    /// Forwards the calls of `kind` to `target` (as typed); `delay_s` (as typed, empty for the
    /// default) for `no_answer` only.
    pub async fn set(&self, msisdn: &str, kind_name: &str, target: &str, delay_s: &str) -> Result<ForwardingList> {
        let number = Numbers::new(self.session).checked(msisdn)?;
        let kind = kind(kind_name)?;
        let delay_s = match forwarding::parse_delay(delay_s)? {
            // A form shows the delay box for every kind; only no answer has one.
            Some(_) if kind != ForwardKind::NoAnswer => None,
            delay => delay,
        };
        let checked = forwarding::check(number.phone.as_str(), &kind, target, delay_s)?;
        let body = SetForwarding { target: checked.target, delay_s: checked.delay_s };
        let list = Intents::new(self.session)
            .send(
                ActionKind::ForwardingSet,
                Some(number.phone.as_str()),
                Call::set_forwarding(&number.phone, &kind, &body),
            )
            .await?;
        self.keep(&number.owner, &list).await;
        Ok(list)
    }

    /// Switches the forwarding of `kind` off.
    pub async fn clear(&self, msisdn: &str, kind_name: &str) -> Result<ForwardingList> {
        let number = Numbers::new(self.session).checked(msisdn)?;
        let kind = kind(kind_name)?;
        let list = Intents::new(self.session)
            .send(
                ActionKind::ForwardingClear,
                Some(number.phone.as_str()),
                Call::clear_forwarding(&number.phone, &kind),
            )
            .await?;
        self.keep(&number.owner, &list).await;
        Ok(list)
    }

    /// Caches the portal's answer to a change. The portal did change: a cache that fails now
    /// must not make it look refused.
    async fn keep(&self, owner: &crate::cache::Owner, list: &ForwardingList) {
        let saved =
            cards::save(self.session.cache.pool(), owner, &list.msisdn, Part::Forwarding, list, Utc::now()).await;
        if let Err(e) = saved {
            tracing::warn!(code = %e.code_str(), "forwarding not cached: {}", e.message);
        }
    }
}
