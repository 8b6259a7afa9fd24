//! Slow operations the portal accepts with a request record and completes later: block and
//! unblock.

use super::PortalClient;
use crate::api::*;
use crate::domain::Phone;
use crate::error::Result;
use reqwest::Method;

impl PortalClient {
    /// Blocks (`block`) or unblocks a number: a slow operation, answered with its request.
    pub async fn set_blocked(&self, msisdn: &Phone, block: bool) -> Result<RequestRecord> {
        let action = if block { "block" } else { "unblock" };
        self.mutate(Method::POST, &format!("api/v1/numbers/{msisdn}/{action}"), &serde_json::json!({})).await
    }
}
