//! Requests the portal accepts with a record and completes later (a block, a SIM replacement,
//! ...): [`PortalClient::request_record`] reads one again (the watcher's question).

use super::PortalClient;
use crate::api::*;
use crate::error::Result;

impl PortalClient {
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
