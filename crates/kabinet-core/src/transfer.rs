//! Balance transfer between two numbers of a company, as a handle on the account
//! (`account.transfer()`).
//!
//! - [`BalanceTransfer::available`]: what a number can give, from its CACHED summary by the
//!   shared rule (`rules::transfer::can_give`), so the screen shows it before anything is sent,
//!   offline too; a number that is not Active is refused with the reason (only an active number
//!   gives), not shown as able to give 0.
//! - [`BalanceTransfer::check`]: the shared rule against the cached summaries of both numbers,
//!   each refusal naming its field (`sender`, `recipient`, `amount`); a number that is not in the
//!   company's cached list is refused here as the portal would (404 naming the field).
//! - [`BalanceTransfer::send`]: checks, then sends ONE intent (`account.intents()`): its key is
//!   written to the cache before anything is sent and reused by every retry of the same transfer
//!   (a double click, a timeout, a re-login, a restart), so the money moves once. Both numbers'
//!   new summaries from the answer go into the cached list and profiles, so both show the new
//!   figures, offline too.
//!
//! The portal stays the authority: the cached figures may be stale, and it refuses what it
//! refuses with the same errors.

use crate::action::ActionKind;
use crate::api::{NumberSummary, Transfer, TransferRequest};
use crate::cache::numbers as cached;
use crate::cache::Owner;
use crate::client::Call;
use crate::domain::{Phone, Tiyn};
use crate::error::{Error, ErrorCode, Reason, Result};
use crate::intents::Intents;
use crate::numbers::Numbers;
use crate::rules::transfer as rule;
use crate::session::Session;

/// Balance transfer of a signed-in account; get it with [`crate::account::Account::transfer`].
#[derive(Clone, Copy)]
pub struct BalanceTransfer<'a> {
    session: &'a Session,
}

impl<'a> BalanceTransfer<'a> {
    pub(crate) fn new(session: &'a Session) -> Self {
        Self { session }
    }

    /// What `msisdn` can give now, by the shared rule over its cached summary; refused with
    /// `transfer_sender_state` (field `sender`) when its state does not let it give.
    pub async fn available(&self, msisdn: &str) -> Result<Tiyn> {
        let number = Numbers::new(self.session).checked(msisdn)?;
        let (_, summary) = self.cached(&number.owner, &number.phone, "sender").await?;
        rule::can_give(&summary)
    }

    /// Checks a transfer against the cached summaries, sending nothing: both numbers of
    /// `company`, then the shared rule.
    pub async fn check(&self, company: i64, from: &str, to: &str, amount: Tiyn) -> Result<TransferRequest> {
        let from = Phone::parse(from).map_err(|e| Error::from(e).with_field("sender"))?;
        let to = Phone::parse(to).map_err(|e| Error::from(e).with_field("recipient"))?;
        let owner = self.session.owner()?;
        let sender = self.of_company(&owner, company, &from, "sender").await?;
        let recipient = self.of_company(&owner, company, &to, "recipient").await?;
        rule::check(&sender, &recipient, amount)?;
        Ok(TransferRequest { from: from.as_str().to_string(), to: to.as_str().to_string(), amount_tiyn: amount })
    }

    /// Transfers `amount` from `from` to `to`, numbers of `company`: checked first (nothing is
    /// sent when the cached figures refuse it), then sent as one intent; the cache takes both
    /// numbers' new summaries.
    ///
    /// The same transfer whose answer never arrived (a timeout, a re-login, a restart) is that
    /// intent again: it is re-sent with its key WITHOUT the local check, since the cached figures
    /// may already show the money gone (a sync meanwhile) and only the portal can say whether
    /// it acted.
    pub async fn send(&self, company: i64, from: &str, to: &str, amount: Tiyn) -> Result<Transfer> {
        let owner = self.session.owner()?;
        let request = match self.unanswered(company, from, to, amount).await? {
            Some(request) => request,
            None => self.check(company, from, to, amount).await?,
        };
        let call = Call::transfer(company, &request);
        let done: Transfer = self
            .session
            .check(Intents::new(self.session).send(ActionKind::Transfer, Some(&request.from), call).await)?;
        if done.from.msisdn != request.from || done.to.msisdn != request.to {
            return Err(Error::new(
                ErrorCode::InvalidResponse,
                format!(
                    "The portal answered a transfer from {:?} to {:?} when asked for {} to {}.",
                    done.from.msisdn, done.to.msisdn, request.from, request.to
                ),
            ));
        }
        // The money moved: a cache that fails now must not make it look refused (a retry would
        // only replay, but the user would be told it failed).
        self.remember(&owner, &done).await;
        Ok(done)
    }

    /// The request of this very transfer when an intent of it is still unanswered.
    async fn unanswered(&self, company: i64, from: &str, to: &str, amount: Tiyn) -> Result<Option<TransferRequest>> {
        let (Ok(from), Ok(to)) = (Phone::parse(from), Phone::parse(to)) else { return Ok(None) };
        let request =
            TransferRequest { from: from.as_str().to_string(), to: to.as_str().to_string(), amount_tiyn: amount };
        let call = Call::transfer(company, &request);
        let pending = Intents::new(self.session).pending().await?;
        Ok(pending.iter().any(|i| i.action == ActionKind::Transfer && i.call == call).then_some(request))
    }

    /// Writes both numbers' summaries of a done transfer into the cached list and profiles
    /// (also used when a pending intent is resolved after a restart).
    pub async fn remember(&self, owner: &Owner, done: &Transfer) {
        let numbers = Numbers::new(self.session);
        for summary in [&done.from, &done.to] {
            if let Err(e) = numbers.summary_changed(owner, summary).await {
                tracing::warn!(code = %e.code_str(), "cached number not updated after a transfer: {}", e.message);
            }
        }
    }

    /// The number's cached summary and company; not cached: not found, naming the field.
    async fn cached(&self, owner: &Owner, phone: &Phone, field: &str) -> Result<(i64, NumberSummary)> {
        let mut conn = self.session.cache.pool().acquire().await.map_err(crate::Error::cache)?;
        match cached::get(&mut conn, owner, phone.as_str()).await? {
            Some((company, summary, _)) => Ok((company, summary)),
            None => Err(not_in_company(field)),
        }
    }

    async fn of_company(&self, owner: &Owner, company: i64, phone: &Phone, field: &str) -> Result<NumberSummary> {
        match self.cached(owner, phone, field).await? {
            (c, summary) if c == company => Ok(summary),
            _ => Err(not_in_company(field)),
        }
    }
}

fn not_in_company(field: &str) -> Error {
    Error::invalid_field(
        ErrorCode::NotFound,
        field,
        "This is not a number of the company's list. Choose one of its numbers, or refresh the list.",
    )
    .with_reason(Reason::TransferNotCompanyNumber)
}
