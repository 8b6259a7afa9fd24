//! SIM card replacement: a slow operation, answered with its request record.

use super::PortalClient;
use crate::api::*;
use crate::domain::{Iccid, Phone};
use crate::error::Result;
use reqwest::Method;

impl PortalClient {
    /// Asks for the number's SIM to be replaced by the card `iccid` (checked by the caller).
    pub async fn replace_sim(&self, msisdn: &Phone, iccid: &Iccid) -> Result<RequestRecord> {
        let body = SimReplacement { iccid: iccid.as_str().to_string() };
        self.mutate(Method::POST, &format!("api/v1/numbers/{msisdn}/sim-replacement"), &body).await
    }
}
