//! Requests the portal accepts with a record and completes later: block and unblock start one;
//! [`PortalClient::request_record`] reads one again (the watcher's question).

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

    /// A request record as the portal has it now.
    pub async fn request_record(&self, id: &str) -> Result<RequestRecord> {
        let mut url = self.url("api/v1/requests/")?;
        url.path_segments_mut().map_err(|()| bad_url())?.pop_if_empty().push(id);
        self.get_url(url).await
    }
}

pub(super) fn bad_url() -> crate::Error {
    crate::Error::new(crate::ErrorCode::InvalidSettings, "The portal address cannot take a path.")
}
