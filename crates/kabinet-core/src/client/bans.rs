//! The bans on a number: set (`PUT`) or removed (`DELETE`) at once.

use super::PortalClient;
use crate::api::*;
use crate::domain::Phone;
use crate::error::Result;
use reqwest::Method;

impl PortalClient {
    /// Sets (`set`) or removes one of the number's bans; answers its general information.
    pub async fn set_ban(&self, msisdn: &Phone, ban: &Ban, set: bool) -> Result<BanChange> {
        let method = if set { Method::PUT } else { Method::DELETE };
        self.mutate(method, &format!("api/v1/numbers/{msisdn}/bans/{}", ban.as_str()), &serde_json::json!({})).await
    }
}
