//! A number's secret code: have the portal send one to the number, or delete it. Neither
//! answer carries the code.

use super::Call;
use crate::domain::Phone;
use reqwest::Method;

impl Call {
    /// Answered with a `SecretCodeSent`.
    pub fn send_secret_code(msisdn: &Phone) -> Call {
        Call::empty(Method::POST, format!("api/v1/numbers/{msisdn}/secret-code"))
    }

    /// Answered with a `SecretCodeDeleted`.
    pub fn delete_secret_code(msisdn: &Phone) -> Call {
        Call::empty(Method::DELETE, format!("api/v1/numbers/{msisdn}/secret-code"))
    }
}
