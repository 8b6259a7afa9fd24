//! A number's secret code: have the portal send one to the number, or delete it. Neither
//! answer carries the code.

use super::PortalClient;
use crate::api::*;
use crate::domain::Phone;
use crate::error::Result;
use reqwest::Method;

impl PortalClient {
    pub async fn send_secret_code(&self, msisdn: &Phone) -> Result<SecretCodeSent> {
        self.mutate(Method::POST, &format!("api/v1/numbers/{msisdn}/secret-code"), &serde_json::json!({})).await
    }

    pub async fn delete_secret_code(&self, msisdn: &Phone) -> Result<SecretCodeDeleted> {
        self.mutate(Method::DELETE, &format!("api/v1/numbers/{msisdn}/secret-code"), &serde_json::json!({})).await
    }
}
