//! The portal's bulk check (`POST /api/v1/companies/{id}/actions/check`): a read, so it is sent
//! without an Idempotency-Key and never retried into a change. The bulk run itself sends each
//! number's ordinary request with its own key (a [`super::Call`] of its area, chosen by `bulk/action.rs`).

use super::{decode, transport_error, PortalClient};
use crate::api::{ActionCheck, ActionCheckRequest};
use crate::error::Result;
use reqwest::Method;

impl PortalClient {
    /// Whether the portal would refuse `request.action` on each of `request.numbers` now.
    pub async fn check_actions(&self, company_id: i64, request: &ActionCheckRequest) -> Result<ActionCheck> {
        let path = format!("api/v1/companies/{company_id}/actions/check");
        let resp = self.request(Method::POST, &path)?.json(request).send().await.map_err(transport_error)?;
        decode(resp).await
    }
}
