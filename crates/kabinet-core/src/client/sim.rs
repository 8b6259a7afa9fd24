//! SIM card replacement: a slow operation, answered with its request record.

use super::Call;
use crate::api::*;
use crate::domain::{Iccid, Phone};
use reqwest::Method;

impl Call {
    /// Asks for the number's SIM to be replaced by the card `iccid` (checked by the caller);
    /// answered with a [`RequestRecord`].
    pub fn replace_sim(msisdn: &Phone, iccid: &Iccid) -> Call {
        let body = SimReplacement { iccid: iccid.as_str().to_string() };
        Call::new(Method::POST, format!("api/v1/numbers/{msisdn}/sim-replacement"), &body)
    }
}
