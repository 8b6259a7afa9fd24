//! A number's services: the list, and enabling or disabling one (state-changing, so sent with
//! an `Idempotency-Key`).

use super::{path_segment, PortalClient};
use crate::api::*;
use crate::domain::Phone;
use crate::error::Result;
use reqwest::Method;

impl PortalClient {
    pub async fn services(&self, msisdn: &Phone) -> Result<NumberServices> {
        self.get(&format!("api/v1/numbers/{msisdn}/services")).await
    }

    pub async fn enable_service(&self, msisdn: &Phone, service_id: &str) -> Result<ServiceChange> {
        let path = format!("api/v1/numbers/{msisdn}/services/{}", path_segment(service_id)?);
        self.mutate(Method::POST, &path, &serde_json::json!({})).await
    }

    pub async fn disable_service(&self, msisdn: &Phone, service_id: &str) -> Result<ServiceChange> {
        let path = format!("api/v1/numbers/{msisdn}/services/{}", path_segment(service_id)?);
        self.mutate(Method::DELETE, &path, &serde_json::json!({})).await
    }
}
