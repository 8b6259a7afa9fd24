//! Requests the portal accepts with a record and completes later: block and unblock start one;
//! [`PortalClient::request_record`] reads one again (the watcher's question).

use super::{Call, PortalClient};
use crate::api::*;
use crate::domain::Phone;
use crate::error::Result;
use reqwest::Method;

impl PortalClient {
    /// A request record as the portal has it now.
    pub async fn request_record(&self, id: &str) -> Result<RequestRecord> {
        let mut url = self.url("api/v1/requests/")?;
        url.path_segments_mut().map_err(|()| bad_url())?.pop_if_empty().push(id);
        self.get_url(url).await
    }
}

impl Call {
    /// Blocks (`block`) or unblocks a number: a slow operation, answered with its [`RequestRecord`].
    pub fn set_blocked(msisdn: &Phone, block: bool) -> Call {
        let action = if block { "block" } else { "unblock" };
        Call::empty(Method::POST, format!("api/v1/numbers/{msisdn}/{action}"))
    }
}

pub(super) fn bad_url() -> crate::Error {
    crate::Error::new(crate::ErrorCode::InvalidSettings, "The portal address cannot take a path.")
}
