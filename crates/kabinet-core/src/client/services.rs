//! A number's services: the list (enabling or disabling one is an `Action`, sent by `act.rs`).

use super::PortalClient;
use crate::api::*;
use crate::domain::Phone;
use crate::error::Result;

impl PortalClient {
    pub async fn services(&self, msisdn: &Phone) -> Result<NumberServices> {
        self.get(&format!("api/v1/numbers/{msisdn}/services")).await
    }
}
