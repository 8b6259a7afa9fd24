//! SIM card replacement, as a handle on the account (`account.sim()`).
//!
//! The new SIM's ICCID is checked here (its length and Luhn check digit, `domain::Iccid`, the
//! same check the portal makes) before anything is sent, so a typo is named under the field at
//! once. The portal answers with a request "In process", which the one watcher
//! (`account.requests()`) follows: when it completes, the watcher re-reads the number's profile,
//! whose "SIM card and device" then has the new ICCID and replacement date. The number's new
//! PIN/PUK are read from the portal when asked, as always (never cached).

use crate::action::ActionKind;
use crate::api::RequestRecord;
use crate::client::Call;
use crate::domain::Iccid;
use crate::error::{Error, Result};
use crate::intents::Intents;
use crate::numbers::Numbers;
use crate::requests::Requests;
use crate::session::Session;

/// SIM card replacement of a signed-in account; get it with [`crate::account::Account::sim`].
#[derive(Clone, Copy)]
pub struct Sim<'a> {
    session: &'a Session,
}

impl<'a> Sim<'a> {
    pub(crate) fn new(session: &'a Session) -> Self {
        Self { session }
    }

    /// Asks for the number's SIM card to be replaced by the card `iccid` (printed on its back).
    /// A bad ICCID is `invalid_iccid` naming the field `iccid`, and nothing is sent.
    pub async fn replace(&self, msisdn: &str, iccid: &str) -> Result<RequestRecord> {
        let number = Numbers::new(self.session).checked(msisdn)?;
        let iccid = Iccid::parse(iccid).map_err(|e| Error::from(e).with_field("iccid"))?;
        let request = Intents::new(self.session)
            .send(ActionKind::SimReplacement, Some(number.phone.as_str()), Call::replace_sim(&number.phone, &iccid))
            .await?;
        // The portal accepted it: a cache that fails now must not make it look refused (a retry
        // would then ask twice). Followed by the watcher until the portal completes it.
        if let Err(e) = Requests::new(self.session).track(&request).await {
            tracing::warn!(code = %e.code_str(), "request not kept for the watcher: {}", e.message);
        }
        Ok(request)
    }

    /// The check [`Sim::replace`] makes, for a form that asks its question only about a valid
    /// ICCID: the ICCID as sent (its digits), or `invalid_iccid` naming the field `iccid`.
    pub fn check_iccid(&self, iccid: &str) -> Result<String> {
        Ok(parse_iccid(iccid)?.as_str().to_string())
    }
}

fn parse_iccid(iccid: &str) -> Result<Iccid> {
    Iccid::parse(iccid).map_err(|e| Error::from(e).with_field("iccid"))
}
