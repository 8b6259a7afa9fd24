//! A number's secret code (manual: "Obtaining a secret code", FAQ 6), as a handle on the account
//! (`account.secret_code()`): have the portal send a new one to the number by SMS (it replaces
//! a previous one), or delete it. With the code the employee views the number's information and
//! usage in their personal account, and changes nothing.
//!
//! The administrator never sees the code: the portal sends it to the number only, and neither
//! answer carries it. What is kept is whether the number has one and since when (the profile's
//! `secret_code_sent_at`), so the profile says so offline too.

use crate::action::ActionKind;
use crate::api::{NumberDetail, SecretCodeDeleted, SecretCodeSent};
use crate::cache::cards::{self, Part};
use crate::client::Call;
use crate::error::Result;
use crate::intents::Intents;
use crate::numbers::NumberRef;
use crate::numbers::Numbers;
use crate::session::Session;
use chrono::{DateTime, Utc};

/// The secret codes of a signed-in account; get it with [`crate::account::Account::secret_code`].
#[derive(Clone, Copy)]
pub struct SecretCode<'a> {
    session: &'a Session,
}

impl<'a> SecretCode<'a> {
    pub(crate) fn new(session: &'a Session) -> Self {
        Self { session }
    }

    /// Has the portal send a new code to the number by SMS; a previous code stops working.
    pub async fn send(&self, msisdn: &str) -> Result<SecretCodeSent> {
        let number = Numbers::new(self.session).checked(msisdn)?;
        let sent: SecretCodeSent = Intents::new(self.session)
            .send(ActionKind::SecretCodeSend, Some(number.phone.as_str()), Call::send_secret_code(&number.phone))
            .await?;
        self.remember(&number, Some(sent.sent_at)).await;
        Ok(sent)
    }

    /// Deletes the number's code; the employee's sessions with it end.
    pub async fn delete(&self, msisdn: &str) -> Result<SecretCodeDeleted> {
        let number = Numbers::new(self.session).checked(msisdn)?;
        let deleted: SecretCodeDeleted = Intents::new(self.session)
            .send(ActionKind::SecretCodeDelete, Some(number.phone.as_str()), Call::delete_secret_code(&number.phone))
            .await?;
        self.remember(&number, None).await;
        Ok(deleted)
    }

    /// The cached profile learns whether the number has a code now. The portal did it: a cache
    /// that fails here must not make it look refused.
    async fn remember(&self, number: &NumberRef, sent_at: Option<DateTime<Utc>>) {
        let pool = self.session.cache.pool();
        let status = |d: &mut NumberDetail| d.general.secret_code_sent_at = sent_at;
        if let Err(e) = cards::edit(pool, &number.owner, number.phone.as_str(), Part::Detail, Utc::now(), status).await
        {
            tracing::warn!(code = %e.code_str(), "cached profile not updated after a secret code: {}", e.message);
        }
    }
}
