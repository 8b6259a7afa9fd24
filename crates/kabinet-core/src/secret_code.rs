//! A number's secret code (manual: "Obtaining a secret code", FAQ 6), as a handle on the account
//! (`account.secret_code()`): have the portal send a new one to the number by SMS (it replaces
//! a previous one), or delete it. With the code the employee views the number's information and
//! usage in their personal account, and changes nothing.
//!
//! The administrator never sees the code: the portal sends it to the number only, and neither
//! answer carries it, so there is nothing here to cache or to log.

use crate::account::Account;
use crate::action::ActionKind;
use crate::api::{SecretCodeDeleted, SecretCodeSent};
use crate::client::Call;
use crate::error::Result;

/// The secret codes of a signed-in account; get it with [`Account::secret_code`].
#[derive(Clone, Copy)]
pub struct SecretCode<'a> {
    account: &'a Account,
}

impl<'a> SecretCode<'a> {
    pub(crate) fn new(account: &'a Account) -> Self {
        Self { account }
    }

    /// Has the portal send a new code to the number by SMS; a previous code stops working.
    pub async fn send(&self, msisdn: &str) -> Result<SecretCodeSent> {
        let number = self.account.numbers().checked(msisdn)?;
        self.account
            .intents()
            .send(ActionKind::SecretCodeSend, Some(number.phone.as_str()), Call::send_secret_code(&number.phone))
            .await
    }

    /// Deletes the number's code; the employee's sessions with it end.
    pub async fn delete(&self, msisdn: &str) -> Result<SecretCodeDeleted> {
        let number = self.account.numbers().checked(msisdn)?;
        self.account
            .intents()
            .send(ActionKind::SecretCodeDelete, Some(number.phone.as_str()), Call::delete_secret_code(&number.phone))
            .await
    }
}
