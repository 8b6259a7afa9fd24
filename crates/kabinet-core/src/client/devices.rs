//! Device (IMEI) registration: a number's registration page, and its four requests, each
//! answered with a request record that completes later.

use super::{Call, PortalClient};
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
}

/// The four requests, each answered with a [`RequestRecord`].
impl Call {
    pub fn register_device(msisdn: &Phone, imei: &Imei) -> Call {
        let body = RegisterDevice { imei: imei.as_str().to_string() };
        Call::new(Method::POST, format!("api/v1/numbers/{msisdn}/devices"), &body)
    }

    /// Re-registers from the previous owner; the caller has had the terms accepted.
    pub fn reregister_device(msisdn: &Phone, imei: &Imei, previous_owner: &Phone, previous_owner_iin: &IinBin) -> Call {
        let body = ReregisterDevice {
            imei: imei.as_str().to_string(),
            previous_owner_msisdn: previous_owner.as_str().to_string(),
            previous_owner_iin: previous_owner_iin.as_str().to_string(),
            terms_accepted: true,
        };
        Call::new(Method::POST, format!("api/v1/numbers/{msisdn}/devices/reregister"), &body)
    }

    /// Registers a duplicate; the caller has had the terms accepted.
    pub fn register_duplicate(msisdn: &Phone, imei: &Imei) -> Call {
        let body = RegisterDuplicate { imei: imei.as_str().to_string(), terms_accepted: true };
        Call::new(Method::POST, format!("api/v1/numbers/{msisdn}/devices/duplicate"), &body)
    }

    pub fn deregister_device(msisdn: &Phone, imei: &Imei) -> Call {
        Call::empty(Method::DELETE, format!("api/v1/numbers/{msisdn}/devices/{}", imei.as_str()))
    }
}
