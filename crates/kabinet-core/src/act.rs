//! The one way a simple action on a number is checked, sent and kept (`account.act()`): block
//! and unblock, a service on or off, a ban set or removed, SIM card replacement, a secret code
//! sent or deleted, and whichever action describes itself next (`kabinet_protocol::action`).
//!
//! Why one path: each of these used to have its own handle, client call builder, command and
//! dialog, the same five steps written again with small differences. The action now says what
//! it needs (its parameters, their rules, its request, what the portal answers), so sending it
//! is the same for all:
//! 1. [`Act::check`]: its parameters from the form, each by its shared rule, naming the field;
//! 2. [`Act::send`]: the number and the session (`Numbers::checked`), then ONE intent with the
//!    action's request (`Call::of`), so a retry is a replay;
//! 3. the answer read as its typed [`Outcome`] and applied ([`Act::apply`]): a request is
//!    followed by the watcher and the number re-read (its state), a ban's general information,
//!    a secret code's date and a service change go into the cached profile, so it shows them
//!    offline too; any other answer about a number has the profile read again. A left-over
//!    intent's answer is applied here too (`Account::resolve_intent`).
//!
//! An action with a screen of its own (devices, call forwarding, a transfer) keeps its area.

use crate::action::{Action, ActionKind};
use crate::api::{NumberDetail, NumberSummary, RequestRecord};
use crate::cache::cards::{self, Part};
use crate::cache::Owner;
use crate::client::Call;
use crate::domain::Phone;
use crate::error::{Error, ErrorCode, Result};
use crate::intents::Intents;
use crate::intents::Outcome;
use crate::numbers::Numbers;
use crate::requests::Requests;
use crate::session::Session;
use crate::transfer::BalanceTransfer;
use chrono::Utc;
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;

/// The simple actions of a signed-in account; get it with [`crate::account::Account::act`].
#[derive(Clone, Copy)]
pub struct Act<'a> {
    session: &'a Session,
}

impl<'a> Act<'a> {
    pub(crate) fn new(session: &'a Session) -> Self {
        Self { session }
    }

    /// The action of `kind` with its parameters as the form gives them (by field name), each
    /// checked by the action's own rule (an ICCID's length and check digit, a ban this version
    /// knows, ...): a wrong one names its field, and nothing is sent.
    pub fn check(&self, kind: ActionKind, params: &BTreeMap<String, String>) -> Result<Action> {
        Action::from_params(kind, params)
    }

    /// Sends `action` on the number `msisdn` (see the module's doc) and gives the portal's
    /// answer, after keeping what it says.
    pub async fn send(&self, msisdn: &str, action: &Action) -> Result<serde_json::Value> {
        let number = Numbers::new(self.session).checked(msisdn)?;
        let call = Call::of(action, &number.phone)?;
        let kind = action.kind();
        let answer: serde_json::Value =
            Intents::new(self.session).send(kind, Some(number.phone.as_str()), call).await?;
        self.apply(&number.owner, Some(&number.phone), Outcome::of(kind, answer.clone())?).await?;
        Ok(answer)
    }

    /// [`Self::send`], for a caller that knows the wire type the action answers with
    /// (`ActionKind::answer`): the answer read as `T`.
    pub async fn send_as<T: DeserializeOwned>(&self, msisdn: &str, action: &Action) -> Result<T> {
        let answer = self.send(msisdn, action).await?;
        serde_json::from_value(answer).map_err(|e| {
            Error::new(ErrorCode::InvalidResponse, format!("The portal sent an answer this version cannot read: {e}"))
        })
    }

    /// Keeps what an answer says about the number `msisdn` (when the action is on one). The
    /// portal has acted: a cache that fails here must not make it look refused (a retry would
    /// ask twice), so that is only logged; an answer about another number than the one asked
    /// is `invalid_response` (it would overwrite that number's rows).
    pub(crate) async fn apply(&self, owner: &Owner, msisdn: Option<&Phone>, outcome: Outcome) -> Result<()> {
        let pool = self.session.cache.pool();
        let now = Utc::now();
        let kept = match outcome {
            // An answer core has no type for: the number's profile is read again, so the cache
            // shows what the action changed (an action that describes itself needs no code here).
            Outcome::Nothing => {
                if let Some(phone) = msisdn {
                    self.reread(phone.as_str()).await;
                }
                Ok(())
            }
            Outcome::Transfer(done) => {
                BalanceTransfer::new(self.session).remember(owner, &done).await;
                Ok(())
            }
            Outcome::Request(record) => {
                self.followed(&record).await;
                Ok(())
            }
            Outcome::Ban(change) => {
                let phone = about(msisdn, &change.msisdn, "msisdn")?;
                let general = |d: &mut NumberDetail| d.general = change.general.clone();
                cards::edit(pool, owner, phone, Part::Detail, now, general).await
            }
            Outcome::SecretCode { msisdn: answered, sent_at } => {
                let phone = about(msisdn, &answered, "msisdn")?;
                let status = |d: &mut NumberDetail| d.general.secret_code_sent_at = sent_at;
                cards::edit(pool, owner, phone, Part::Detail, now, status).await
            }
            Outcome::Service(change) => {
                let phone = about(msisdn, &change.number.msisdn, "number.msisdn")?;
                self.service_changed(owner, phone, &change.number, &change.services).await
            }
        };
        if let Err(e) = kept {
            tracing::warn!(code = %e.code_str(), "the cache did not keep an action's answer: {}", e.message);
        }
        Ok(())
    }

    /// A request the portal accepted: followed by the watcher until the portal completes it,
    /// and the number re-read (it is In process now; the screen reads it again anyway).
    async fn followed(&self, record: &RequestRecord) {
        if let Err(e) = Requests::new(self.session).track(record).await {
            tracing::warn!(code = %e.code_str(), "request not kept for the watcher: {}", e.message);
        }
        if let Some(msisdn) = record.msisdn.as_deref() {
            self.reread(msisdn).await;
        }
    }

    /// Reads the number's profile again (the cache keeps it); a failure is only logged.
    async fn reread(&self, msisdn: &str) {
        if let Err(e) = Numbers::new(self.session).detail(msisdn).await {
            tracing::warn!(code = %e.code_str(), "number not re-read after an action: {}", e.message);
        }
    }

    async fn service_changed(
        &self,
        owner: &Owner,
        phone: &str,
        summary: &NumberSummary,
        services: &crate::api::NumberServices,
    ) -> Result<()> {
        cards::save(self.session.cache.pool(), owner, phone, Part::Services, services, Utc::now()).await?;
        Numbers::new(self.session).summary_changed(owner, summary).await
    }
}

/// The number an answer is about, which must be the one asked about (`field` names where the
/// answer says it); a left-over intent's answer is taken as it says when the number asked is
/// not known.
fn about<'n>(asked: Option<&Phone>, answered: &'n str, field: &str) -> Result<&'n str> {
    match asked {
        Some(asked) if asked.as_str() != answered => Err(Error::new(
            ErrorCode::InvalidResponse,
            format!("The portal answered about {answered:?} in `{field}` when asked about {asked}."),
        )),
        _ => Ok(answered),
    }
}
