//! Routes only the sandbox serves; a production portal has none of them.

use super::PortalClient;
use crate::api::*;
use crate::error::Result;

impl PortalClient {
    /// Messages the sandbox "sent", newest first. A production portal has no such route.
    pub async fn sandbox_outbox(&self) -> Result<Vec<OutboxMessage>> {
        Ok(self.get::<OutboxList>("sandbox/outbox").await?.items)
    }
}
