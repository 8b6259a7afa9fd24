//! Call forwarding of a number: the list, setting one kind, switching one off (state-changing,
//! so sent with an `Idempotency-Key`).

use super::PortalClient;
use crate::api::*;
use crate::domain::Phone;
use crate::error::Result;
use reqwest::Method;

impl PortalClient {
    pub async fn forwarding(&self, msisdn: &Phone) -> Result<ForwardingList> {
        self.get(&format!("api/v1/numbers/{msisdn}/forwarding")).await
    }

    /// `kind` is a known kind (its wire name is a plain path segment).
    pub async fn set_forwarding(
        &self,
        msisdn: &Phone,
        kind: &ForwardKind,
        body: &SetForwarding,
    ) -> Result<ForwardingList> {
        self.mutate(Method::PUT, &format!("api/v1/numbers/{msisdn}/forwarding/{}", kind.as_str()), body).await
    }

    pub async fn clear_forwarding(&self, msisdn: &Phone, kind: &ForwardKind) -> Result<ForwardingList> {
        let path = format!("api/v1/numbers/{msisdn}/forwarding/{}", kind.as_str());
        self.mutate(Method::DELETE, &path, &serde_json::json!({})).await
    }
}
