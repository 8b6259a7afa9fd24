//! The bans on a number: set (`PUT`) or removed (`DELETE`) at once.

use super::Call;
use crate::api::*;
use crate::domain::Phone;
use reqwest::Method;

impl Call {
    /// Sets (`set`) or removes one of the number's bans; answered with a [`BanChange`].
    pub fn set_ban(msisdn: &Phone, ban: &Ban, set: bool) -> Call {
        let method = if set { Method::PUT } else { Method::DELETE };
        Call::empty(method, format!("api/v1/numbers/{msisdn}/bans/{}", ban.as_str()))
    }
}
