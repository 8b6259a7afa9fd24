//! Device (IMEI) registration: a number's registration page, and its four requests, each
//! answered with a request record that completes later.

use super::PortalClient;
use crate::api::*;
use crate::domain::{IinBin, Imei, Phone};
use crate::error::Result;
use reqwest::Method;

impl PortalClient {
    /// The last IMEI seen with the SIM, the registration status, the registered IMEIs and the
    /// request history.
    pub async fn devices(&self, msisdn: &Phone) -> Result<DeviceRegistration> {
        self.get(&format!("api/v1/numbers/{msisdn}/devices")).await
    }

    pub async fn register_device(&self, msisdn: &Phone, imei: &Imei) -> Result<RequestRecord> {
        let body = RegisterDevice { imei: imei.as_str().to_string() };
        self.mutate(Method::POST, &format!("api/v1/numbers/{msisdn}/devices"), &body).await
    }

    /// Re-registers from the previous owner; the caller has had the terms accepted.
    pub async fn reregister_device(
        &self,
        msisdn: &Phone,
        imei: &Imei,
        previous_owner: &Phone,
        previous_owner_iin: &IinBin,
    ) -> Result<RequestRecord> {
        let body = ReregisterDevice {
            imei: imei.as_str().to_string(),
            previous_owner_msisdn: previous_owner.as_str().to_string(),
            previous_owner_iin: previous_owner_iin.as_str().to_string(),
            terms_accepted: true,
        };
        self.mutate(Method::POST, &format!("api/v1/numbers/{msisdn}/devices/reregister"), &body).await
    }

    /// Registers a duplicate; the caller has had the terms accepted.
    pub async fn register_duplicate(&self, msisdn: &Phone, imei: &Imei) -> Result<RequestRecord> {
        let body = RegisterDuplicate { imei: imei.as_str().to_string(), terms_accepted: true };
        self.mutate(Method::POST, &format!("api/v1/numbers/{msisdn}/devices/duplicate"), &body).await
    }

    pub async fn deregister_device(&self, msisdn: &Phone, imei: &Imei) -> Result<RequestRecord> {
        let path = format!("api/v1/numbers/{msisdn}/devices/{}", imei.as_str());
        self.mutate(Method::DELETE, &path, &serde_json::json!({})).await
    }
}
