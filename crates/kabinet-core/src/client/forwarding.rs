//! Call forwarding of a number: the list, setting one kind, switching one off (state-changing,
//! so sent with an `Idempotency-Key`).

use super::{Call, PortalClient};
use crate::api::*;
use crate::domain::Phone;
use crate::error::Result;
use reqwest::Method;

impl PortalClient {
    pub async fn forwarding(&self, msisdn: &Phone) -> Result<ForwardingList> {
        self.get(&format!("api/v1/numbers/{msisdn}/forwarding")).await
    }
}

/// Both answered with the number's [`ForwardingList`].
impl Call {
    /// `kind` is a known kind (its wire name is a plain path segment).
    pub fn set_forwarding(msisdn: &Phone, kind: &ForwardKind, body: &SetForwarding) -> Call {
        Call::new(Method::PUT, format!("api/v1/numbers/{msisdn}/forwarding/{}", kind.as_str()), body)
    }

    pub fn clear_forwarding(msisdn: &Phone, kind: &ForwardKind) -> Call {
        Call::empty(Method::DELETE, format!("api/v1/numbers/{msisdn}/forwarding/{}", kind.as_str()))
    }
}
