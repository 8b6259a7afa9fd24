//! A number's services: the list, and enabling or disabling one (state-changing, so sent with
//! an `Idempotency-Key`).

use super::{path_segment, Call, PortalClient};
use crate::api::*;
use crate::domain::Phone;
use crate::error::Result;
use reqwest::Method;

impl PortalClient {
    pub async fn services(&self, msisdn: &Phone) -> Result<NumberServices> {
        self.get(&format!("api/v1/numbers/{msisdn}/services")).await
    }
}

impl Call {
    /// Enables (`enable`) or disables a service; answered with a [`ServiceChange`]. Refuses an
    /// id that is not a plain path segment.
    pub fn set_service(msisdn: &Phone, service_id: &str, enable: bool) -> Result<Call> {
        let method = if enable { Method::POST } else { Method::DELETE };
        Ok(Call::empty(method, format!("api/v1/numbers/{msisdn}/services/{}", path_segment(service_id)?)))
    }
}
