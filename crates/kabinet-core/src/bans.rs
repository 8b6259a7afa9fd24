//! The bans on a number (MyKcell details access, MyKcell access, SMS / USSD control), as a
//! handle on the account (`account.bans()`): set or removed at once (no request), and the
//! cached number profile takes the portal's answer, so "General information" shows the new
//! flag even offline afterwards.

use crate::action::ActionKind;
use crate::api::{Ban, BanChange, NumberDetail};
use crate::cache::cards::{self, Part};
use crate::client::Call;
use crate::error::{Error, ErrorCode, Result};
use crate::intents::Intents;
use crate::numbers::Numbers;
use crate::session::Session;
use chrono::Utc;

/// The bans of a signed-in account's numbers; get it with [`crate::account::Account::bans`].
#[derive(Clone, Copy)]
pub struct Bans<'a> {
    session: &'a Session,
}

impl<'a> Bans<'a> {
    pub(crate) fn new(session: &'a Session) -> Self {
        Self { session }
    }

    /// Sets (`set`) or removes `ban`; one this version does not know is refused, naming the field.
    pub async fn set(&self, msisdn: &str, ban: &Ban, set: bool) -> Result<BanChange> {
        let number = Numbers::new(self.session).checked(msisdn)?;
        if !ban.is_known() {
            return Err(Error::invalid_field(
                ErrorCode::InvalidInput,
                "ban",
                format!("There is no ban {:?}.", ban.as_str()),
            ));
        }
        let change: BanChange = Intents::new(self.session)
            .send(
                if set { ActionKind::BanSet } else { ActionKind::BanRemove },
                Some(number.phone.as_str()),
                Call::set_ban(&number.phone, ban, set),
            )
            .await?;
        if change.msisdn != number.phone.as_str() {
            return Err(Error::new(
                ErrorCode::InvalidResponse,
                format!("The portal answered about {:?} in `msisdn` when asked about {}.", change.msisdn, number.phone),
            ));
        }
        // The change is made: a cache that fails now must not make it look refused.
        let pool = self.session.cache.pool();
        let msisdn = number.phone.as_str();
        let general = |d: &mut NumberDetail| d.general = change.general.clone();
        if let Err(e) = cards::edit(pool, &number.owner, msisdn, Part::Detail, Utc::now(), general).await {
            tracing::warn!(code = %e.code_str(), "cached profile not updated after a ban change: {}", e.message);
        }
        Ok(change)
    }
}
